import { CreateDirectory1795459200000 } from './1795459200000-CreateDirectory.js';
import { CreateStaffAccounts1795459260000 } from './1795459260000-CreateStaffAccounts.js';
import { CreateNewsAndVisits1795459320000 } from './1795459320000-CreateNewsAndVisits.js';
import { SeedDirectory1795459380000 } from './1795459380000-SeedDirectory.js';
import { CreateResidents1795459440000 } from './1795459440000-CreateResidents.js';
import { CreatePhotos1795459500000 } from './1795459500000-CreatePhotos.js';
import { CreateConcerns1795459560000 } from './1795459560000-CreateConcerns.js';
import { NewsSearch1795459620000 } from './1795459620000-NewsSearch.js';
import { VisitSignupsAndQuestions1795459680000 } from './1795459680000-VisitSignupsAndQuestions.js';
import { ConcernPhotos1795459740000 } from './1795459740000-ConcernPhotos.js';
import { Open311Requests1795460000000 } from './1795460000000-Open311Requests.js';
import { WechatIntegration1795461000000 } from './1795461000000-WechatIntegration.js';
import { VisitQuestionContentReview1795461060000 } from './1795461060000-VisitQuestionContentReview.js';
import { DirectoryDisableAndAuditSearch1795462000000 } from './1795462000000-DirectoryDisableAndAuditSearch.js';
import { ConcernInboxAndRatesIndexes1795464000000 } from './1795464000000-ConcernInboxAndRatesIndexes.js';
import { NotificationRetryBackoff1795465000000 } from './1795465000000-NotificationRetryBackoff.js';
import { InboxCountsAndRateRollup1795471000000 } from './1795471000000-InboxCountsAndRateRollup.js';
import { RateMonthRollup1795471060000 } from './1795471060000-RateMonthRollup.js';
import { PhotoProcessing1795470000000 } from './1795470000000-PhotoProcessing.js';
import { WorkingCalendarAndDeadlineRules1795472000000 } from './1795472000000-WorkingCalendarAndDeadlineRules.js';
import { DemoResidents1795473000000 } from './1795473000000-DemoResidents.js';
import { StaffLoginHardening1795474000000 } from './1795474000000-StaffLoginHardening.js';
import { StaffIntake1795475000000 } from './1795475000000-StaffIntake.js';
import { CoHandlingAndStaffAlerts1795476000000 } from './1795476000000-CoHandlingAndStaffAlerts.js';
import { ConcernFollowersAndPublicBoard1795500000000 } from './1795500000000-ConcernFollowersAndPublicBoard.js';
import { ContactCallbackAndCompleteRates1795600000000 } from './1795600000000-ContactCallbackAndCompleteRates.js';
import { NoAppCallbackPeriod1795610000000 } from './1795610000000-NoAppCallbackPeriod.js';

/** Every migration, oldest first. A new one is added here (TypeORM cannot glob ESM files at run time). */
export const MIGRATIONS = [
  CreateDirectory1795459200000,
  CreateStaffAccounts1795459260000,
  CreateNewsAndVisits1795459320000,
  SeedDirectory1795459380000,
  CreateResidents1795459440000,
  CreatePhotos1795459500000,
  CreateConcerns1795459560000,
  NewsSearch1795459620000,
  VisitSignupsAndQuestions1795459680000,
  ConcernPhotos1795459740000,
  Open311Requests1795460000000,
  WechatIntegration1795461000000,
  VisitQuestionContentReview1795461060000,
  DirectoryDisableAndAuditSearch1795462000000,
  ConcernInboxAndRatesIndexes1795464000000,
  NotificationRetryBackoff1795465000000,
  InboxCountsAndRateRollup1795471000000,
  RateMonthRollup1795471060000,
  PhotoProcessing1795470000000,
  WorkingCalendarAndDeadlineRules1795472000000,
  DemoResidents1795473000000,
  StaffLoginHardening1795474000000,
  StaffIntake1795475000000,
  CoHandlingAndStaffAlerts1795476000000,
  ConcernFollowersAndPublicBoard1795500000000,
  ContactCallbackAndCompleteRates1795600000000,
  NoAppCallbackPeriod1795610000000,
];

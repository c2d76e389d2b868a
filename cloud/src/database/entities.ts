import { AuditLog } from '../modules/audit/audit-log.entity.js';
import { Resident } from '../modules/auth/resident.entity.js';
import { AlertWebhookMessage } from '../modules/alerts/alert-webhook-message.entity.js';
import { StaffAlert } from '../modules/alerts/staff-alert.entity.js';
import { ConcernPublicCase } from '../modules/board/concern-public-case.entity.js';
import { ConcernFollower } from '../modules/followers/concern-follower.entity.js';
import { ConcernCoHandler } from '../modules/concerns/concern-co-handler.entity.js';
import { ConcernEvent } from '../modules/concerns/concern-event.entity.js';
import { ConcernIntake } from '../modules/concerns/concern-intake.entity.js';
import { ConcernPhoto } from '../modules/concerns/concern-photo.entity.js';
import { Concern } from '../modules/concerns/concern.entity.js';
import { ConcernCallback } from '../modules/concerns/concern-callback.entity.js';
import { ConcernContact } from '../modules/concerns/concern-contact.entity.js';
import { KnowledgeEntry, KnowledgeSearchToken } from '../modules/knowledge/knowledge-entry.entity.js';
import { ReplyTemplate } from '../modules/knowledge/reply-template.entity.js';
import { Notification } from '../modules/notifications/notification.entity.js';
import { StaffAccount } from '../modules/auth/staff-account.entity.js';
import { LoginThrottle } from '../modules/auth/login-throttle.entity.js';
import { StaffPasswordHistory } from '../modules/auth/staff-password-history.entity.js';
import { Category } from '../modules/directory/category.entity.js';
import { Compound } from '../modules/directory/compound.entity.js';
import { Department } from '../modules/directory/department.entity.js';
import { RoutingRule } from '../modules/directory/routing-rule.entity.js';
import { Street } from '../modules/directory/street.entity.js';
import { CalendarDayRow } from '../modules/deadlines/calendar-day.entity.js';
import { CalendarYear } from '../modules/deadlines/calendar-year.entity.js';
import { DeadlineSettingsRow } from '../modules/deadlines/deadline-settings.entity.js';
import { NewsArticle } from '../modules/news/news-article.entity.js';
import { NewsSearchToken } from '../modules/news/news-search-token.entity.js';
import { Open311Key } from '../modules/open311/open311-key.entity.js';
import { Open311Request } from '../modules/open311/open311-request.entity.js';
import { Photo } from '../modules/uploads/photo.entity.js';
import { SubscribeAttempt } from '../modules/notifications/subscribe-attempt.entity.js';
import { SubscribeConsent } from '../modules/notifications/subscribe-consent.entity.js';
import { VisitIssue } from '../modules/visits/visit-issue.entity.js';
import { VisitQuestion } from '../modules/visits/visit-question.entity.js';
import { VisitSignup } from '../modules/visits/visit-signup.entity.js';
import { Visit } from '../modules/visits/visit.entity.js';

/** Every entity of the service; each also sits next to its module. */
export const ENTITIES = [
  Street,
  Compound,
  Department,
  Category,
  RoutingRule,
  StaffAccount,
  LoginThrottle,
  StaffPasswordHistory,
  Resident,
  NewsArticle,
  NewsSearchToken,
  Visit,
  VisitSignup,
  VisitQuestion,
  VisitIssue,
  Concern,
  ConcernEvent,
  ConcernPhoto,
  ConcernIntake,
  Notification,
  AuditLog,
  Photo,
  Open311Key,
  Open311Request,
  SubscribeConsent,
  SubscribeAttempt,
  CalendarYear,
  CalendarDayRow,
  DeadlineSettingsRow,
  ConcernCoHandler,
  StaffAlert,
  AlertWebhookMessage,
  ConcernFollower,
  ConcernPublicCase,
  ConcernContact,
  ConcernCallback,
  ReplyTemplate,
  KnowledgeEntry,
  KnowledgeSearchToken,
];

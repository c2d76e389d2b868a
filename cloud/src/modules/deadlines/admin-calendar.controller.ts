import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_AREA_ROLES,
  CALENDAR_READERS,
  calendarYearSchema,
  importHolidayNoticeSchema,
  putCalendarYearSchema,
  type CalendarOverviewView,
  type CalendarYearSavedView,
  type CalendarYearView,
  type HolidayNoticeView,
  type ImportHolidayNoticeInput,
  type PutCalendarYearInput,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { CalendarAdminService } from './calendar-admin.service.js';

const yearParam = new ZodValidationPipe(calendarYearSchema);

@ApiTags('admin: calendar')
@Controller('admin/calendar')
export class AdminCalendarController {
  constructor(private readonly calendar: CalendarAdminService) {}

  @Get()
  @Auth(...CALENDAR_READERS)
  @ApiOperation({ summary: '工作日历概览 — the years entered, the missing years the next 60 days reach (the admin banner)' })
  overview(): Promise<CalendarOverviewView> {
    return this.calendar.overview();
  }

  @Post('import')
  @HttpCode(200)
  @Auth(...ADMIN_AREA_ROLES.calendar)
  @ApiZodBody(importHolidayNoticeSchema)
  @ApiOperation({ summary: '解析国务院节假日通知 — the pasted notice read into days; nothing is saved' })
  importNotice(@Body(new ZodValidationPipe(importHolidayNoticeSchema)) body: ImportHolidayNoticeInput): HolidayNoticeView {
    return this.calendar.importNotice(body.text);
  }

  @Get(':year')
  @Auth(...ADMIN_AREA_ROLES.calendar)
  @ApiOperation({ summary: '某年的节假日与调休 — holidays and make-up working days, and whether the year is entered' })
  year(@Param('year', yearParam) year: number): Promise<CalendarYearView> {
    return this.calendar.year(year);
  }

  @Put(':year')
  @Auth(...ADMIN_AREA_ROLES.calendar)
  @ApiZodBody(putCalendarYearSchema)
  @ApiOperation({
    summary: '保存某年的节假日安排 — replaces the year; open concerns whose deadlines a changed day affects are recomputed; audited',
  })
  put(
    @CurrentActor() actor: StaffActor,
    @Param('year', yearParam) year: number,
    @Body(new ZodValidationPipe(putCalendarYearSchema)) body: PutCalendarYearInput,
  ): Promise<CalendarYearSavedView> {
    return this.calendar.putYear(actor, year, body);
  }

  @Delete(':year')
  @Auth(...ADMIN_AREA_ROLES.calendar)
  @ApiOperation({ summary: '撤回某年 — the year counts Monday–Friday again (provisional); deadlines recomputed; audited' })
  remove(@CurrentActor() actor: StaffActor, @Param('year', yearParam) year: number): Promise<CalendarYearSavedView> {
    return this.calendar.deleteYear(actor, year);
  }
}

import type { ConcernDetailView } from '../concern/concern.views.js';
import type { MyFollowExportView } from '../concern/follow.js';
import type { PhotoView } from '../uploads/photo.views.js';

// 我的: what the service answers a resident about their own account (cloud MeController).

/** `GET /api/v1/me`. */
export interface ResidentProfileView {
  id: number;
  nickname: string;
  /** Signed in by the preview login (no WeChat identity). */
  isPreview: boolean;
  /** Known by a WeChat openid. */
  wechatLinked: boolean;
  createdAt: string;
}

export interface ExportedPhoto extends PhotoView {
  mime: string;
  bytes: number;
  sha256: string;
  createdAt: string;
}

export interface ExportedNotification {
  id: number;
  concernId: number | null;
  kind: string;
  title: string;
  body: string;
  /** pending, sending, delivered or failed. */
  status: string;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  readAt: string | null;
}

export interface ExportedVisitSignup {
  visitId: number;
  visitTitle: string;
  visitStartsAt: string;
  /** confirmed, waiting or cancelled. */
  status: string;
  createdAt: string;
  cancelledAt: string | null;
}

export interface ExportedVisitQuestion {
  visitId: number;
  addressedTo: string;
  text: string;
  status: string;
  answer: string | null;
  concernId: number | null;
  createdAt: string;
}

/** 个人信息副本: everything the service holds about one resident (PIPL art. 45). */
export interface ResidentExport {
  exportedAt: string;
  resident: {
    id: number;
    nickname: string;
    openid: string | null;
    unionid: string | null;
    isPreview: boolean;
    createdAt: string;
    updatedAt: string;
  };
  /** Each of their concerns as they see it: the phone in full, the public timeline. */
  concerns: ConcernDetailView[];
  photos: ExportedPhoto[];
  notifications: ExportedNotification[];
  visitSignups: ExportedVisitSignup[];
  visitQuestions: ExportedVisitQuestion[];
  /** WeChat subscribe-message consents (订阅消息) left, per template. */
  subscribeConsents: { templateId: string; remaining: number }[];
  /** 附议: the concerns they follow, and their follower's rating. */
  follows: MyFollowExportView[];
}

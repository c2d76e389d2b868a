import type { ContentReviewFlag, ConcernSource, ConcernStatus, DueKind, RatingChannel, RequestType, Satisfaction } from '@manyi/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Resident } from '../auth/resident.entity.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';

/**
 * 诉求工单. Its status is always the result of its events (concern_event); every change goes through
 * ConcernsService, which writes the event in the same transaction and bumps `version`, so two people
 * acting at once cannot both win.
 */
@Entity('concern')
@Index('idx_concern_inbox', ['streetId', 'status', 'dueAt'])
@Index('idx_concern_department', ['leadDepartmentId', 'status', 'dueAt'])
@Index('idx_concern_resident', ['residentId', 'createdAt'])
@Index('idx_concern_duplicates', ['compoundId', 'categoryId', 'status'])
@Index('uq_concern_idempotency', ['residentId', 'idempotencyKey'], { unique: true })
// Inbox and rates at district scale (migration 1795464000000).
@Index('idx_concern_due', ['dueAt'])
@Index('idx_concern_status_due', ['status', 'dueAt'])
@Index('idx_concern_street_due', ['streetId', 'dueAt'])
@Index('idx_concern_department_due', ['leadDepartmentId', 'dueAt'])
@Index('idx_concern_rates_dispatched', ['dispatchedAt', 'streetId', 'leadDepartmentId', 'signedAt', 'signDueAt'])
@Index('idx_concern_rates_rated', ['ratedAt', 'streetId', 'leadDepartmentId', 'solved', 'satisfaction'])
// The open concerns' badges, read from the index alone (migration 1795471000000).
@Index('idx_concern_open_counts', ['status', 'streetId', 'leadDepartmentId', 'escalated', 'version'])
// 多人反映: the inbox sorted by followers (migration 1795500000000).
@Index('idx_concern_followers', ['followerCount', 'id'])
// The 督办 list: returned three times, reopened twice (migration 1795600000000).
@Index('idx_concern_returns', ['returnCount'])
@Index('idx_concern_reopens', ['reopenCount'])
export class Concern {
  @PrimaryGeneratedColumn()
  id: number;

  /** Human code, XH20261123-0042 (Shanghai date of submit + id). */
  @Index('uq_concern_code', { unique: true })
  @Column({ type: 'varchar', length: 24, nullable: true })
  code: string | null;

  @Column({ name: 'resident_id', type: 'int', nullable: true })
  residentId: number | null;

  @ManyToOne(() => Resident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resident_id', foreignKeyConstraintName: 'fk_concern_resident' })
  resident?: Relation<Resident> | null;

  @Column({ name: 'street_id', type: 'int' })
  streetId: number;

  @ManyToOne(() => Street, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id', foreignKeyConstraintName: 'fk_concern_street' })
  street?: Relation<Street>;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => Compound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id', foreignKeyConstraintName: 'fk_concern_compound' })
  compound?: Relation<Compound>;

  @Column({ name: 'category_id', type: 'int' })
  categoryId: number;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_concern_category' })
  category?: Relation<Category>;

  @Column({ name: 'request_type', type: 'varchar', length: 20 })
  requestType: RequestType;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'photo_ids', type: 'simple-json' })
  photoIds: number[];

  @Column({ type: 'double', nullable: true })
  latitude: number | null;

  @Column({ type: 'double', nullable: true })
  longitude: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  /** AES-256-GCM of the phone number (个人信息加密存储); never shown unmasked without the reveal permission. */
  @Column({ name: 'phone_encrypted', type: 'varchar', length: 255, nullable: true })
  phoneEncrypted: string | null;

  /** 138****1234, what staff views show. */
  @Column({ name: 'phone_masked', type: 'varchar', length: 20, nullable: true })
  phoneMasked: string | null;

  /** 保密: never in any public list. */
  @Column({ type: 'boolean', default: false })
  confidential: boolean;

  /** 同意公开: the reporter agreed at submit to its publication on the street's board once closed (issue 17). */
  @Column({ name: 'publish_consent', type: 'boolean', default: false })
  publishConsent: boolean;

  /** 附议人数: rows of concern_follower, recounted with each follow and unfollow (the inbox's 多人反映). */
  @Column({ name: 'follower_count', type: 'int', default: 0 })
  followerCount: number;

  @Column({ type: 'varchar', length: 20 })
  source: ConcernSource;

  @Column({ type: 'varchar', length: 20 })
  status: ConcernStatus;

  /** 主办部门. The co-handling departments (协办) are rows of concern_co_handler. */
  @Column({ name: 'lead_department_id', type: 'int', nullable: true })
  leadDepartmentId: number | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_department_id', foreignKeyConstraintName: 'fk_concern_lead_department' })
  leadDepartment?: Relation<Department> | null;

  @Column({ name: 'reopen_count', type: 'int', default: 0 })
  reopenCount: number;

  @Column({ name: 'return_count', type: 'int', default: 0 })
  returnCount: number;

  @Column({ name: 'extension_count', type: 'int', default: 0 })
  extensionCount: number;

  /** Working days asked for by the handler, waiting for the dispatcher (null when none is pending). */
  @Column({ name: 'pending_extension_days', type: 'int', nullable: true })
  pendingExtensionDays: number | null;

  /** On the supervisor's list (督办): a third return, a second unsatisfied rating, or a passed deadline. */
  @Column({ type: 'boolean', default: false })
  escalated: boolean;

  @Column({ name: 'merged_into_id', type: 'int', nullable: true })
  mergedIntoId: number | null;

  @ManyToOne(() => Concern, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'fk_concern_merged_into' })
  mergedInto?: Relation<Concern> | null;

  /** The deadline of the clock that runs now, and which clock it is. */
  @Column({ name: 'due_at', ...DATETIME, nullable: true })
  dueAt: Date | null;

  @Column({ name: 'due_kind', type: 'varchar', length: 20, nullable: true })
  dueKind: DueKind | null;

  /**
   * When `dueAt`'s clock started (the submit, the acceptance, the reply …): a calendar change counts the
   * same working time again from here (recountDeadline).
   */
  @Column({ name: 'due_from', ...DATETIME, nullable: true })
  dueFrom: Date | null;

  /** The deadline the overdue sweep last chased, so each deadline is chased exactly once. */
  @Column({ name: 'chased_due_at', ...DATETIME, nullable: true })
  chasedDueAt: Date | null;

  /** The deadline whose approach the sweep last announced (即将超期), so each is announced once. Not a workflow field. */
  @Column({ name: 'warned_due_at', ...DATETIME, nullable: true })
  warnedDueAt: Date | null;

  /** 办结时限, kept across extensions and re-handling. */
  @Column({ name: 'resolve_due_at', ...DATETIME, nullable: true })
  resolveDueAt: Date | null;

  /** When the 办结 clock started: the dispatch, or the reopen that restarted it. */
  @Column({ name: 'resolve_from', ...DATETIME, nullable: true })
  resolveFrom: Date | null;

  @Column({ name: 'dispatched_at', ...DATETIME, nullable: true })
  dispatchedAt: Date | null;

  @Column({ name: 'sign_due_at', ...DATETIME, nullable: true })
  signDueAt: Date | null;

  @Column({ name: 'signed_at', ...DATETIME, nullable: true })
  signedAt: Date | null;

  @Column({ type: 'boolean', nullable: true })
  solved: boolean | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  satisfaction: Satisfaction | null;

  @Column({ name: 'rating_comment', type: 'text', nullable: true })
  ratingComment: string | null;

  @Column({ name: 'rated_at', ...DATETIME, nullable: true })
  ratedAt: Date | null;

  @Column({ name: 'closed_at', ...DATETIME, nullable: true })
  closedAt: Date | null;

  /** 受理决定 (accepted or rejected): when, and whether within the 受理时限 (按时受理率). */
  @Column({ name: 'triaged_at', ...DATETIME, nullable: true })
  triagedAt: Date | null;

  @Column({ name: 'triaged_on_time', type: 'boolean', nullable: true })
  triagedOnTime: boolean | null;

  /** The last reply came within the 办结时限 (按时办结率). */
  @Column({ name: 'replied_on_time', type: 'boolean', nullable: true })
  repliedOnTime: boolean | null;

  /** 评价渠道: the resident's own rating ('app') or a reached 回访 ('callback'). */
  @Column({ name: 'rating_channel', type: 'varchar', length: 10, nullable: true })
  ratingChannel: RatingChannel | null;

  /** Unreached 回访 attempts in the current round (since the reply was published). */
  @Column({ name: 'unreached_callbacks', type: 'int', default: 0 })
  unreachedCallbacks: number;

  /** 未回访: closed because the attempts ran out without reaching the resident. */
  @Column({ name: 'callback_unreached', type: 'boolean', default: false })
  callbackUnreached: boolean;

  /** The resident's Idempotency-Key for the submit: a retry with the same key returns this concern. */
  /** 内容待复核: the content check asked a person to look, or could not run; null when the text passed. */
  @Column({ name: 'content_review', type: 'varchar', length: 20, nullable: true })
  contentReview: ContentReviewFlag | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64, nullable: true })
  idempotencyKey: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}

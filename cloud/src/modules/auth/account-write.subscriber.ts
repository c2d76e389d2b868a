import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntityMetadata,
  type EntitySubscriberInterface,
  type QueryRunner,
  type RecoverEvent,
  type RemoveEvent,
  type SoftRemoveEvent,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
  type UpdateEvent,
} from 'typeorm';
import { AccountStateCache, type AccountKind } from './account-state.js';
import { Resident } from './resident.entity.js';
import { StaffAccount } from './staff-account.entity.js';

/** An account the write names, or 'all' when TypeORM does not say which rows it touched (an update by criteria). */
type Written = Set<number> | 'all';

/**
 * Catches every write to staff_account and resident made through TypeORM, in one place, and clears
 * the guard's AccountStateCache for it once it has committed: at the outermost commit of the
 * transaction it ran in, or at once when it ran on its own. So no service has to remember to, and a
 * new write path cannot forget. Inserts need nothing: a new id was never kept (absence is not kept).
 * A write made with raw SQL is not seen; none exists outside the migrations.
 */
@Injectable()
export class AccountWriteSubscriber implements EntitySubscriberInterface {
  /** What the open transaction on each query runner wrote, published when it commits. */
  private readonly pending = new WeakMap<QueryRunner, Map<AccountKind, Written>>();

  constructor(
    dataSource: DataSource,
    private readonly accounts: AccountStateCache,
  ) {
    dataSource.subscribers.push(this);
  }

  afterUpdate(event: UpdateEvent<unknown>): Promise<void> | void {
    // save() passes the entity; update() by criteria passes only the values it sets.
    return this.written(event.metadata, event.queryRunner, idOf(event.entity) ?? idOf(event.databaseEntity));
  }

  afterRemove(event: RemoveEvent<unknown>): Promise<void> | void {
    return this.written(event.metadata, event.queryRunner, idOf({ id: event.entityId as unknown }) ?? idOf(event.databaseEntity));
  }

  afterSoftRemove(event: SoftRemoveEvent<unknown>): Promise<void> | void {
    return this.written(event.metadata, event.queryRunner, idOf(event.entity) ?? idOf(event.databaseEntity));
  }

  afterRecover(event: RecoverEvent<unknown>): Promise<void> | void {
    return this.written(event.metadata, event.queryRunner, idOf(event.entity) ?? idOf(event.databaseEntity));
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A savepoint's release is not the commit: wait for the outermost one.
    if (event.queryRunner.isTransactionActive) return;
    const written = this.pending.get(event.queryRunner);
    if (!written) return;
    this.pending.delete(event.queryRunner);
    for (const [kind, ids] of written) await this.publish(kind, ids);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async written(metadata: EntityMetadata, queryRunner: QueryRunner, id: number | undefined): Promise<void> {
    const kind = kindOf(metadata);
    if (!kind) return;
    const ids: Written = id === undefined ? 'all' : new Set([id]);
    if (queryRunner.isTransactionActive) {
      let written = this.pending.get(queryRunner);
      if (!written) this.pending.set(queryRunner, (written = new Map()));
      written.set(kind, merge(written.get(kind), ids));
    }
    // Also at once: on SQLite every caller shares one query runner, so a write that ran on its own may
    // find another caller's transaction open on it by now and must not wait for that one's end. Inside
    // its own transaction this early clearing is harmless; the one at the commit is what counts.
    await this.publish(kind, ids);
  }

  private async publish(kind: AccountKind, ids: Written): Promise<void> {
    if (ids === 'all') await this.accounts.invalidate(kind);
    else for (const id of ids) await this.accounts.invalidate(kind, id);
  }
}

function kindOf(metadata: EntityMetadata): AccountKind | null {
  if (metadata.target === StaffAccount) return 'staff';
  if (metadata.target === Resident) return 'resident';
  return null;
}

function idOf(entity: unknown): number | undefined {
  const id = (entity as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}

function merge(kept: Written | undefined, more: Written): Written {
  if (kept === undefined) return more;
  if (kept === 'all' || more === 'all') return 'all';
  for (const id of more) kept.add(id);
  return kept;
}

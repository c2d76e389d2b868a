import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { InvalidationBus } from '../../common/cache/invalidation-bus.js';
import type { StaffAccount } from './staff-account.entity.js';

/** What the guard reads of a staff account to let a session in (never the password hash). */
export type StaffAccountState = Pick<
  StaffAccount,
  'id' | 'username' | 'role' | 'streetId' | 'departmentId' | 'disabled' | 'passwordChangedAt' | 'mustChangePassword' | 'hasDemoPassword'
>;
/** What the guard reads of a resident: whether they deleted their account. */
export interface ResidentState {
  id: number;
  deleted: boolean;
}

export type AccountKind = 'staff' | 'resident';
type StateOf<K extends AccountKind> = K extends 'staff' ? StaffAccountState : ResidentState;

/**
 * The longest a state is kept. Every write to staff_account or resident through TypeORM clears it on
 * every instance as soon as it commits (AccountWriteSubscriber); this bounds only what nothing
 * announces: a change made in the database by hand, or a clearing another instance published while
 * this one's Redis connection was down.
 */
export const MAX_ACCOUNT_STATE_AGE_MS = 10_000;
/** Accounts kept per kind: the sessions active at once on one instance, with room to spare. */
const MAX_ACCOUNTS = 50_000;

interface KindState {
  /** Moves on every clearing; a state read under an older generation is never stored. */
  generation: number;
  states: LRUCache<number, StaffAccountState | ResidentState>;
}

/**
 * The account states the guard checks on every private read, kept in memory so a session's requests
 * cost no query each — while a disabled account, a deleted resident or a changed password still ends
 * every session at once: the write clears the account here and, through Redis, on every instance
 * after it commits and before it is acknowledged. A read that started before a clearing is never
 * stored after it (the generation check), so a slow read cannot put back what a write just replaced.
 */
@Injectable()
export class AccountStateCache {
  private readonly kinds: Record<AccountKind, KindState> = { staff: newKindState(), resident: newKindState() };

  constructor(private readonly bus: InvalidationBus) {
    for (const kind of ['staff', 'resident'] as const) {
      bus.on(topicOf(kind), (key) => this.clear(kind, key === undefined ? undefined : Number(key)));
    }
  }

  get<K extends AccountKind>(kind: K, id: number): StateOf<K> | undefined {
    return this.kinds[kind].states.get(id) as StateOf<K> | undefined;
  }

  /** The generation a read starts under; pass it back to `set`. */
  generation(kind: AccountKind): number {
    return this.kinds[kind].generation;
  }

  /** Keeps a state, unless a write cleared the kind while it was being read. */
  set<K extends AccountKind>(kind: K, state: StateOf<K>, readUnder: number): void {
    const kept = this.kinds[kind];
    if (kept.generation === readUnder) kept.states.set(state.id, state);
  }

  /**
   * Forgets one account (or, without an id, every account of the kind) here and on every other
   * instance. Call it after the write has committed and before it is acknowledged.
   */
  async invalidate(kind: AccountKind, id?: number): Promise<void> {
    // Should Redis fail to carry it, other instances forget within MAX_ACCOUNT_STATE_AGE_MS at the latest.
    await this.bus.publish(topicOf(kind), id === undefined ? undefined : String(id));
  }

  private clear(kind: AccountKind, id: number | undefined): void {
    const kept = this.kinds[kind];
    // Any clearing moves the generation: a read of another account in flight is merely not kept.
    kept.generation += 1;
    if (id === undefined || !Number.isSafeInteger(id)) kept.states.clear();
    else kept.states.delete(id);
  }
}

function newKindState(): KindState {
  return { generation: 0, states: new LRUCache({ max: MAX_ACCOUNTS, ttl: MAX_ACCOUNT_STATE_AGE_MS }) };
}

function topicOf(kind: AccountKind) {
  return `account-state:${kind}` as const;
}

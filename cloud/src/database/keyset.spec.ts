import { AppException } from '../common/errors/app.exception.js';
import { decodeCursor, decodeRowCursor, encodeCursor, isCursorInteger, keysetPage } from './keyset.js';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, at: 1_000 * (i + 1) }));

function expectBadCursor(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).toBe('VALIDATION_FAILED');
    expect((error as AppException).status).toBe(400);
    expect((error as AppException).message).toBe('分页参数无效');
    return;
  }
  throw new Error('the cursor was accepted');
}

describe(keysetPage.name, () => {
  it('reads one row more than the page and names the last row shown in the cursor', async () => {
    const takes: number[] = [];
    const page = await keysetPage(
      async (take) => {
        takes.push(take);
        return rows(take);
      },
      3,
      (last) => ({ id: last.id, at: last.at }),
    );
    expect(takes).toEqual([4]);
    expect(page.items.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(decodeCursor(page.nextCursor!, (v) => v)).toEqual({ id: 3, at: 3_000 });
  });

  it('has no cursor on the last page, full or not', async () => {
    for (const n of [0, 2, 3]) {
      const page = await keysetPage(
        async () => rows(n),
        3,
        (last) => ({ id: last.id }),
      );
      expect(page.items).toHaveLength(n);
      expect(page.nextCursor).toBeNull();
    }
  });
});

describe('cursor codec', () => {
  it('round-trips the row cursor in the format clients already hold', () => {
    const cursor = { id: 42, due: 1_767_225_600_000 };
    const raw = encodeCursor(cursor);
    expect(raw).toBe(Buffer.from(JSON.stringify(cursor)).toString('base64url'));
    expect(decodeRowCursor(raw)).toEqual(cursor);
    expect(decodeRowCursor(encodeCursor({ id: 7, due: null }))).toEqual({ id: 7, due: null });
    expect(decodeRowCursor(encodeCursor({ id: 7, followers: 3 }))).toEqual({ id: 7, followers: 3 });
  });

  it('is the first page without a cursor', () => {
    expect(decodeRowCursor(undefined)).toBeNull();
    expect(decodeRowCursor('')).toBeNull();
  });

  it('answers a tampered or foreign cursor with a 400', () => {
    const good = encodeCursor({ id: 42 });
    expectBadCursor(() => decodeRowCursor(`${good.slice(0, -2)}!!`));
    expectBadCursor(() => decodeRowCursor('not-a-cursor'));
    expectBadCursor(() => decodeRowCursor(encodeCursor({ id: '42' })));
    expectBadCursor(() => decodeRowCursor(encodeCursor({ id: 1.5 })));
    expectBadCursor(() => decodeRowCursor(encodeCursor({ id: 1, due: 'soon' })));
    expectBadCursor(() => decodeRowCursor(encodeCursor({ id: 1, followers: null })));
    expectBadCursor(() => decodeRowCursor(Buffer.from('null').toString('base64url')));
    expectBadCursor(() => decodeRowCursor(Buffer.from('[1]').toString('base64url')));
  });

  it("checks a list's own cursor shape", () => {
    const read = (v: Partial<Record<string, unknown>>) => (isCursorInteger(v.at) && isCursorInteger(v.id) ? { at: v.at, id: v.id } : null);
    expect(decodeCursor(encodeCursor({ at: 5, id: 2 }), read)).toEqual({ at: 5, id: 2 });
    expectBadCursor(() => decodeCursor(encodeCursor({ id: 2 }), read));
  });
});

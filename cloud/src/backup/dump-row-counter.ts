import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x27; // '
const BACKSLASH = 0x5c;
const OPEN = 0x28; // (
const CLOSE = 0x29; // )
const SEMICOLON = 0x3b;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const INSERT_HEAD = /^INSERT INTO `((?:[^`]|``)+)` VALUES$/;
const CREATE_HEAD = /^CREATE TABLE `((?:[^`]|``)+)`$/;
/** Longer than any statement head the patterns can match (a table name is at most 64 characters). */
const HEAD_LIMIT = 200;

/**
 * Counts the rows of each table in a mysqldump / mariadb-dump as it streams past, unchanged: the rows of a
 * dump taken with `--single-transaction` are one consistent snapshot, which a separate `COUNT(*)` while
 * the service writes would not be. A table appears when its `CREATE TABLE` line passes (so empty tables
 * count 0); each `INSERT INTO `t` VALUES (…),(…);` adds its tuples, found at depth 0 outside the
 * single-quoted strings (the dump escapes `'` and `\` inside them with a backslash). MySQL writes a
 * statement on one line, MariaDB one row per line; both end at the `;`. Works on bytes: UTF-8 never
 * reuses ASCII bytes.
 */
export class DumpRowCounter extends Transform {
  readonly rows = new Map<string, number>();
  private head: number[] = [];
  /** Collecting the start of a line to see whether it opens an INSERT or a CREATE TABLE. */
  private atHead = true;
  /** The table whose INSERT statement is being read. */
  private table: string | null = null;
  private depth = 0;
  private inString = false;
  private escaped = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.scan(chunk);
    done(null, chunk);
  }

  /** Feeds bytes in without passing them on (for tests and non-stream use). */
  scan(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.table !== null) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (byte === BACKSLASH) this.escaped = true;
          else if (byte === QUOTE) this.inString = false;
        } else if (byte === QUOTE) this.inString = true;
        else if (byte === OPEN) {
          if (this.depth === 0) this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1);
          this.depth += 1;
        } else if (byte === CLOSE) this.depth -= 1;
        else if (byte === SEMICOLON && this.depth === 0) {
          this.table = null;
          this.atHead = false; // the rest of the line is not a statement's start
        }
        continue;
      }
      if (byte === NEWLINE) {
        if (!(this.atHead && this.headEnds())) this.startLine();
        continue;
      }
      if (!this.atHead) continue;
      if ((byte === SPACE || byte === OPEN) && this.headEnds()) continue;
      this.head.push(byte);
      if (this.head.length > HEAD_LIMIT) {
        this.atHead = false;
        this.head = [];
      }
    }
  }

  /** At a space, bracket or line end: whether the line so far opens an INSERT (then read its rows) or a CREATE TABLE. */
  private headEnds(): boolean {
    const text = Buffer.from(this.head).toString('utf8');
    const insert = INSERT_HEAD.exec(text);
    const create = insert ? null : CREATE_HEAD.exec(text);
    if (!insert && !create) return false;
    this.atHead = false;
    this.head = [];
    if (create) {
      const name = unquote(create[1]!);
      this.rows.set(name, this.rows.get(name) ?? 0);
    } else {
      this.table = unquote(insert![1]!);
      this.depth = 0;
      this.inString = false;
      this.escaped = false;
    }
    return true;
  }

  private startLine(): void {
    this.atHead = true;
    this.head = [];
  }
}

function unquote(name: string): string {
  return name.replace(/``/g, '`');
}

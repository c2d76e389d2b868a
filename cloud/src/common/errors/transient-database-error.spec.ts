import { QueryFailedError } from 'typeorm';
import { isTransientDatabaseError } from './transient-database-error.js';

describe('which database errors mean "try again shortly" (503) rather than "broken" (500)', () => {
  const withCode = (code: string, message = 'driver error') => Object.assign(new Error(message), { code });

  it('counts an unreachable, restarting or hanging server and lock contention as transient', () => {
    for (const code of [
      'ECONNREFUSED',
      'PROTOCOL_CONNECTION_LOST',
      'ER_SERVER_SHUTDOWN',
      'ER_LOCK_WAIT_TIMEOUT',
      'ER_LOCK_DEADLOCK',
      'SQLITE_BUSY',
    ])
      expect([code, isTransientDatabaseError(withCode(code))]).toEqual([code, true]);
    expect(isTransientDatabaseError(new Error('Queue limit reached.'))).toBe(true);
  });

  it('looks through TypeORM’s wrapper to the driver’s error', () => {
    const wrapped = new QueryFailedError('INSERT INTO concern …', [], withCode('PROTOCOL_CONNECTION_LOST'));
    expect(isTransientDatabaseError(wrapped)).toBe(true);
  });

  it('leaves real faults to be 500s: a broken query, a missing table, a bug', () => {
    expect(isTransientDatabaseError(new QueryFailedError('SELECT …', [], withCode('ER_NO_SUCH_TABLE')))).toBe(false);
    expect(isTransientDatabaseError(withCode('ER_PARSE_ERROR'))).toBe(false);
    expect(isTransientDatabaseError(new TypeError('undefined is not a function'))).toBe(false);
    expect(isTransientDatabaseError(null)).toBe(false);
  });
});

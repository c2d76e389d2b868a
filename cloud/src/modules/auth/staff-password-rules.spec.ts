import { passwordChangeReason } from './staff-password-rules.js';

const NOW = new Date('2030-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600 * 1000);
const account = (over: Partial<{ mustChangePassword: boolean; passwordChangedAt: Date; hasDemoPassword: boolean }> = {}) => ({
  mustChangePassword: false,
  passwordChangedAt: daysAgo(1),
  hasDemoPassword: false,
  ...over,
});

describe(passwordChangeReason.name, () => {
  it('asks a temporary password to change, whatever its age', () => {
    expect(passwordChangeReason(account({ mustChangePassword: true }), { passwordMaxAgeDays: 90, demo: false }, NOW)).toBe('temporary');
  });

  it('expires a password older than the maximum age, not one within it', () => {
    expect(passwordChangeReason(account({ passwordChangedAt: daysAgo(91) }), { passwordMaxAgeDays: 90, demo: false }, NOW)).toBe('expired');
    expect(passwordChangeReason(account({ passwordChangedAt: daysAgo(89) }), { passwordMaxAgeDays: 90, demo: false }, NOW)).toBeNull();
  });

  it('never expires with a maximum age of 0', () => {
    expect(passwordChangeReason(account({ passwordChangedAt: daysAgo(3650) }), { passwordMaxAgeDays: 0, demo: false }, NOW)).toBeNull();
  });

  it('leaves the demo accounts alone in demo mode, but not outside it', () => {
    const demo = account({ hasDemoPassword: true, passwordChangedAt: daysAgo(400) });
    expect(passwordChangeReason(demo, { passwordMaxAgeDays: 90, demo: true }, NOW)).toBeNull();
    expect(passwordChangeReason(demo, { passwordMaxAgeDays: 90, demo: false }, NOW)).toBe('expired');
  });
});

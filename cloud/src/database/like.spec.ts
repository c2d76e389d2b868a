import { likeContains } from './like.js';

describe(likeContains.name, () => {
  it('takes LIKE wildcards and its escape character literally', () => {
    expect(likeContains('100%_!')).toBe('%100!%!_!!%');
  });

  it('finds the term anywhere', () => {
    expect(likeContains('路灯')).toBe('%路灯%');
  });
});

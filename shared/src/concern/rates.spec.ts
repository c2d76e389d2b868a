import type { RateCounts } from './concern.views.js';
import { emptyRateCounts, RATE_DEFINITIONS, RATE_KEYS, rateNumerator, ratesOf, shareOf } from './rates.js';

const counts = (overrides: Partial<RateCounts> = {}): RateCounts => ({ ...emptyRateCounts(), ...overrides });

describe('the rates, as RATE_DEFINITIONS words them', () => {
  it('counts 满意 and 基本满意 above the line of 满意率, and names both', () => {
    const c = counts({ rated: 8, satisfied: 3, basicallySatisfied: 3, unsatisfied: 2, solved: 5 });

    expect(RATE_DEFINITIONS.satisfactionRate.numerator).toEqual(['satisfied', 'basicallySatisfied']);
    expect(rateNumerator(RATE_DEFINITIONS.satisfactionRate, c)).toBe(6);
    expect(ratesOf(c)).toMatchObject({ satisfactionRate: 0.75, resolutionRate: 0.625 });
  });

  it('divides each rate by its own denominator', () => {
    const c = counts({
      dispatched: 4,
      signedOnTime: 3,
      triaged: 5,
      acceptedOnTime: 4,
      closed: 10,
      closedFirstTime: 9,
      closedOnTime: 7,
      closedRated: 6,
    });

    expect(ratesOf(c)).toEqual({
      responseRate: 0.75,
      onTimeAcceptanceRate: 0.8,
      resolutionRate: null,
      satisfactionRate: null,
      oneTimeResolutionRate: 0.9,
      onTimeClosingRate: 0.7,
      callbackCoverage: 0.6,
    });
  });

  it('answers null, not 0 %, when nothing was counted, and rounds to four places', () => {
    expect(Object.values(ratesOf(counts())).every((rate) => rate === null)).toBe(true);
    expect(shareOf(0, 0)).toBeNull();
    expect(shareOf(0, 3)).toBe(0);
    expect(shareOf(2, 3)).toBe(0.6667);
  });

  it('defines every rate once, in the order the dashboard shows them', () => {
    expect(Object.keys(RATE_DEFINITIONS).sort()).toEqual([...RATE_KEYS].sort());
    for (const key of RATE_KEYS) expect(RATE_DEFINITIONS[key]).toMatchObject({ key, label: expect.any(String) });
  });
});

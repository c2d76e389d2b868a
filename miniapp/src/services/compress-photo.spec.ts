import { rootFontSize } from '../utils/h5-document';
import { fitWithin, MAX_SIDE } from './compress-photo';

describe(fitWithin.name, () => {
  it('shrinks the longer side to the limit and keeps the proportions', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: MAX_SIDE, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: MAX_SIDE });
  });

  it('never enlarges a small photo', () => {
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
  });
});

describe(rootFontSize.name, () => {
  it('is Taro’s width rule at the normal text size, and grows with the reader’s text size', () => {
    expect(rootFontSize(390, 1)).toBeCloseTo(20.8);
    expect(rootFontSize(390, 1.5)).toBeCloseTo(31.2);
    expect(rootFontSize(1200, 1)).toBe(40);
  });
});

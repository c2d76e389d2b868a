import { jest } from '@jest/globals';
import type { AppConfig } from '../../config/app-config.js';
import { JobScheduler } from './job-scheduler.js';

const withoutRedis = () => new JobScheduler(null, { role: 'all' } as AppConfig);

describe('JobScheduler without Redis', () => {
  afterEach(() => jest.useRealTimers());

  it('holds a tick that comes while pauseWhile runs, and runs it once the work is done', async () => {
    jest.useFakeTimers();
    const scheduler = withoutRedis();
    const order: string[] = [];
    await scheduler.every('sweep', 1000, async () => {
      order.push('sweep');
    });
    await scheduler.onApplicationBootstrap();

    let finishSeeding!: () => void;
    const seeding = scheduler.pauseWhile(
      () =>
        new Promise<void>((resolve) => {
          finishSeeding = () => {
            order.push('seeded');
            resolve();
          };
        }),
    );
    await jest.advanceTimersByTimeAsync(3500);
    expect(order).toEqual([]);

    finishSeeding();
    await seeding;
    await jest.advanceTimersByTimeAsync(0);
    // The held tick runs after the work; the ticks skipped meanwhile are not made up.
    expect(order).toEqual(['seeded', 'sweep']);
    await jest.advanceTimersByTimeAsync(1000);
    expect(order).toEqual(['seeded', 'sweep', 'sweep']);
    await scheduler.beforeApplicationShutdown();
  });

  it('starts the held work only once a run in progress has finished', async () => {
    jest.useFakeTimers();
    const scheduler = withoutRedis();
    const order: string[] = [];
    let finishSweep!: () => void;
    await scheduler.every(
      'sweep',
      1000,
      () =>
        new Promise<void>((resolve) => {
          order.push('sweep started');
          finishSweep = () => {
            order.push('sweep done');
            resolve();
          };
        }),
    );
    await scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1000);
    const work = scheduler.pauseWhile(async () => {
      order.push('work');
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['sweep started']);
    finishSweep();
    await work;
    expect(order).toEqual(['sweep started', 'sweep done', 'work']);
    await scheduler.beforeApplicationShutdown();
  });

  it('runs ticks as usual when nothing holds them', async () => {
    jest.useFakeTimers();
    const scheduler = withoutRedis();
    let runs = 0;
    await scheduler.every('sweep', 1000, async () => {
      runs++;
    });
    await scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(2500);
    expect(runs).toBe(2);
    await scheduler.beforeApplicationShutdown();
  });
});

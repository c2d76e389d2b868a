import { randomBytes } from 'node:crypto';

/**
 * Residents reporting concerns the way the mini-program does: one Idempotency-Key per report, and
 * on anything but an answer (a dropped connection, a timeout, 429 or 5xx) the same report is sent
 * again with the same key after a pause — Retry-After when the service gives one.
 */
export interface Tally {
  /** Reports answered 201: what the residents were told is filed. */
  acknowledged: Array<{ id: number; key: string; title: string }>;
  answers: Record<string, number>;
  networkErrors: number;
  /** Reports refused with a 4xx other than 429: the load's bodies are valid, so each one is a finding. */
  refused: string[];
}

export interface Resident {
  authorization: string;
}

export function newTally(): Tally {
  return { acknowledged: [], answers: {}, networkErrors: 0, refused: [] };
}

let counter = 0;

/** Reports one concern, retrying with its key until it is acknowledged or `giveUpAt` passes. */
export async function submitWithRetries(
  baseUrl: () => string,
  resident: Resident,
  body: Record<string, unknown>,
  tally: Tally,
  giveUpAt: number,
): Promise<void> {
  const key = randomBytes(12).toString('hex');
  counter += 1;
  const title = `负载测试诉求 ${counter} ${key.slice(0, 6)}`;
  const payload = JSON.stringify({ ...body, title });
  while (Date.now() < giveUpAt) {
    let pause = 250;
    try {
      const res = await fetch(`${baseUrl()}/api/v1/concerns`, {
        method: 'POST',
        headers: { authorization: resident.authorization, 'content-type': 'application/json', 'idempotency-key': key },
        body: payload,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      tally.answers[res.status] = (tally.answers[res.status] ?? 0) + 1;
      if (res.status === 201) {
        tally.acknowledged.push({ id: (JSON.parse(text) as { id: number }).id, key, title });
        return;
      }
      if (res.status < 500 && res.status !== 429) {
        tally.refused.push(`${res.status} ${text.slice(0, 200)}`);
        return;
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      if (retryAfter > 0) pause = Math.min(retryAfter * 1000, 2_000);
    } catch {
      tally.networkErrors += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  throw new Error(`a report was not acknowledged before the load's deadline (key ${key})`);
}

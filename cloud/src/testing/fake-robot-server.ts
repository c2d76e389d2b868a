import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for 企业微信's group robot (qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…): a real
 * HTTP server on a loopback port that answers as the robot does — `{"errcode":0,"errmsg":"ok"}` for a
 * markdown message to a known key, 93000 for an unknown key, 40008 for a message it cannot read — and
 * records what it received. Tests script it: take it down (the port refuses connections) and bring it
 * up again on the same port, or have the next answers be an errcode such as 45009 (too many messages).
 */
export interface RobotMessage {
  key: string;
  msgtype: unknown;
  content: string;
}

export class FakeRobotServer {
  readonly received: RobotMessage[] = [];
  private readonly keys = new Set<string>();
  private readonly errcodes: number[] = [];
  private server: Server | null = null;

  private constructor(private port: number) {}

  static async start(): Promise<FakeRobotServer> {
    const fake = new FakeRobotServer(0);
    await fake.up();
    return fake;
  }

  /** A robot address with a fresh key this robot knows. */
  robotUrl(key: string): string {
    this.keys.add(key);
    return `http://127.0.0.1:${this.port}/cgi-bin/webhook/send?key=${key}`;
  }

  /** The next answers are these errcodes (then `ok` again). */
  answerNext(...errcodes: number[]): void {
    this.errcodes.push(...errcodes);
  }

  /** Stops listening: sends fail to connect until `up`. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again, on the same port (the addresses handed out stay valid). */
  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    await this.down();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = (body: Record<string, unknown>) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') return answer({ errcode: 404, errmsg: 'not found' });
    const key = url.searchParams.get('key') ?? '';
    if (!this.keys.has(key)) return answer({ errcode: 93000, errmsg: 'invalid webhook url' });
    const scripted = this.errcodes.shift();
    if (scripted !== undefined) return answer({ errcode: scripted, errmsg: 'scripted' });
    let body: { msgtype?: unknown; markdown?: { content?: unknown } };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return answer({ errcode: 40008, errmsg: 'invalid message type' });
    }
    if (body.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string')
      return answer({ errcode: 40008, errmsg: 'invalid message type' });
    this.received.push({ key, msgtype: body.msgtype, content: body.markdown.content });
    answer({ errcode: 0, errmsg: 'ok' });
  }
}

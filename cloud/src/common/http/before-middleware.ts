import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/** A request hook in Fastify's callback style: call `done` to go on, or send the reply and don't. */
export type EarlyRequestHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * Request hooks that run before Nest's middleware. Nest registers @fastify/middie (and with it the
 * request log, pino-http) when it creates the app, so every `onRequest` hook added afterwards runs
 * after it; this one is added to the Fastify instance before the app exists and runs, in order, the
 * hooks the app adds later. The security headers go first, then the cached public reads: a kept answer
 * (a thousand residents opening the feed at once) costs its headers and bytes, not middie and a log line.
 */
export class BeforeMiddleware {
  private readonly hooks: EarlyRequestHook[] = [];

  constructor(fastify: FastifyInstance) {
    fastify.addHook('onRequest', (request, reply, done) => this.run(0, request, reply, done));
  }

  add(hook: EarlyRequestHook): void {
    this.hooks.push(hook);
  }

  private run(index: number, request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const hook = this.hooks[index];
    if (!hook) return done();
    hook(request, reply, (error?: Error) => (error ? done(error) : this.run(index + 1, request, reply, done)));
  }
}

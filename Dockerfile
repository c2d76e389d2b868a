# syntax=docker/dockerfile:1
# The Manyi image. Everything the build stage does is scripts/build-release.sh, which the tests run
# on machines without Docker; the runtime stage holds only the release folder it makes.
#
#   docker build -t manyi:0.1.0 .
#   docker run --env-file deploy/.env -p 3000:3000 manyi:0.1.0                 # MANYI_ROLE=api|worker|all
#   docker run --env-file deploy/.env manyi:0.1.0 node cloud/dist/main.js migrate
#
# Both stages use the Node of scripts/use-node.sh (MANYI_NODE_VERSION) on the same Debian release, so
# the native addons compiled in the build stage (better-sqlite3, argon2) load in the runtime stage.
# For a digest pin, append @sha256:… to both FROM lines (docker buildx imagetools inspect <image>).

FROM node:24.22.3-bookworm AS build
# A registry mirror may be passed in: --build-arg npm_config_registry=https://registry.npmmirror.com
ARG npm_config_registry
ARG MANYI_RELEASE_COMMIT=unknown
# Native addons compile against this image's own headers; nothing is fetched for them.
ENV npm_config_nodedir=/usr/local \
    npm_config_update_notifier=false \
    MANYI_RELEASE_COMMIT=${MANYI_RELEASE_COMMIT}
WORKDIR /src
COPY . .
RUN bash scripts/build-release.sh /release

FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    MANYI_DATA_DIR=/app/data
WORKDIR /app
# The code belongs to root and is read-only for the service; only the data folder is its own (with
# MANYI_PHOTO_STORE, MANYI_TOKEN_SECRET and MANYI_DATA_KEY set, nothing needs to persist there).
COPY --from=build /release /app
RUN mkdir -p /app/data && chown node:node /app/data
# The node user of the official image (uid 1000), by number so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Logs are JSON lines on stdout (pino); nothing is written to files.
CMD ["node", "cloud/dist/main.js"]

# syntax=docker/dockerfile:1
#
# One Dockerfile for every Meridian image (context: the repository root).
#
#   docker build --target service --build-arg SERVICE=crm -t meridian-crm .
#   docker build --target web -t meridian-web .
#
# Services: users, crm, ai, workflow, communication, analytics. Each service image runs
# `node dist/main.js` (REST on HTTP_PORT 8080, gRPC on GRPC_PORT 9090) and, with
# `node dist/migrate.js` as its command, the service's migrations. The web image serves
# the built single-page app and `/api/v1/health` (the same edge code as `npm start`).
# All images: node:24-slim, non-root (uid 1000), production dependencies only,
# configuration from environment variables only, SIGTERM for a graceful stop.

ARG NODE_IMAGE=node:24-slim

# ---------------------------------------------------------------------------------------
# manifests: the lockfile and every workspace's package.json, so that the dependency
# layers below are reused until a manifest changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY package.json package-lock.json ./
COPY proto/package.json proto/
COPY services/platform/package.json services/platform/
COPY services/users/package.json services/users/
COPY services/crm/package.json services/crm/
COPY services/ai/package.json services/ai/
COPY services/workflow/package.json services/workflow/
COPY services/communication/package.json services/communication/
COPY services/analytics/package.json services/analytics/
COPY web/package.json web/
COPY deploy/package.json deploy/
COPY bench/package.json bench/

# ---------------------------------------------------------------------------------------
# build: all dependencies (dev included), then every package compiled (swc) and the web
# app built (vite). `npm install` follows the committed lockfile (see .ci/run for why not
# `npm ci`) and the build fails if the lockfile would have to change.
FROM manifests AS build
RUN cp package-lock.json /tmp/package-lock.json \
 && npm install --no-audit --no-fund \
 && cmp -s package-lock.json /tmp/package-lock.json || { echo "package-lock.json is out of date" >&2; exit 1; }
COPY . .
RUN npm run build

# ---------------------------------------------------------------------------------------
# service-deps: production dependencies of one service (and of the workspace packages it
# imports, @meridian/platform and @meridian/proto), no install scripts.
FROM manifests AS service-deps
ARG SERVICE
RUN case "${SERVICE}" in users|crm|ai|workflow|communication|analytics) ;; \
      *) echo "build with --build-arg SERVICE=<users|crm|ai|workflow|communication|analytics>" >&2; exit 1 ;; esac \
 && npm install --omit=dev --workspace "services/${SERVICE}" --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# ---------------------------------------------------------------------------------------
# service: one NestJS service. Migrations: same image, command `node dist/migrate.js`.
FROM ${NODE_IMAGE} AS service
ARG SERVICE
ENV NODE_ENV=production \
    MERIDIAN_SERVICE=${SERVICE} \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    GRPC_HOST=0.0.0.0 \
    GRPC_PORT=9090
WORKDIR /app
COPY --from=service-deps /src/node_modules node_modules
COPY --from=build /src/package.json ./
# proto/: compiled paths + the .proto files @grpc/proto-loader reads at run time
COPY --from=build /src/proto proto
COPY --from=build /src/services/platform/package.json services/platform/
COPY --from=build /src/services/platform/dist services/platform/dist
COPY --from=build /src/services/${SERVICE}/package.json services/${SERVICE}/
COPY --from=build /src/services/${SERVICE}/dist services/${SERVICE}/dist
# /data: the analytics DuckDB file (a volume in compose and Kubernetes); writable by uid 1000
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
WORKDIR /app/services/${SERVICE}
EXPOSE 8080 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]

# ---------------------------------------------------------------------------------------
# web: the built single-page app and the edge of deploy/local (static files with SPA
# fallback, `/api/v1/health` aggregated from every service's /readyz, and `/api/v1/*`
# proxied by the prefix table when no load balancer routes it first). Its only runtime
# dependency is http-proxy-3; the files below are that package's production dependency
# closure in package-lock.json (deploy/test/dockerfile.spec.ts keeps the list complete).
FROM ${NODE_IMAGE} AS web
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=build /src/node_modules/http-proxy-3 node_modules/http-proxy-3
COPY --from=build /src/node_modules/debug node_modules/debug
COPY --from=build /src/node_modules/ms node_modules/ms
COPY --from=build /src/node_modules/follow-redirects node_modules/follow-redirects
COPY --from=build /src/deploy/package.json deploy/
COPY --from=build /src/deploy/dist/local/edge.js /src/deploy/dist/local/services.js deploy/dist/local/
COPY deploy/docker/web-server.mjs deploy/docker/
COPY --from=build /src/web/dist web/dist
USER 1000:1000
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "deploy/docker/web-server.mjs"]

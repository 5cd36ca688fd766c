# Rearview — Slack app for Go-to-Market retrospectives. Node 26: the Active LTS line from 2026-10-28 to
# 2027-10-20 (end of life 2029-04-30); the code itself still runs on Node 20.12+ (package.json engines).
#   docker build -t rearview .
#   docker run --env-file .env -p 3000:3000 -v rearview-data:/app/data rearview
# Without DATABASE_URL the bot uses an embedded Postgres (PGlite) in /app/data: mount a volume there.
# With DATABASE_URL (see docker-compose.yml) it uses that Postgres server instead.

# ---- build: compile TypeScript to dist/ ----
FROM node:26-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig*.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts/bundle.mjs ./scripts/
# tsc -p tsconfig.build.json → dist/src, dist/migrations (checked, and what `npm run migrate` runs);
# scripts/bundle.mjs → dist/app, the bundle the bot runs from
RUN npm run build

# ---- runtime: production dependencies + compiled output only ----
FROM node:26-trixie-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The chart fonts (and their licence): charts are drawn with these only, never the host's.
COPY assets ./assets
# Embedded database directory (used when DATABASE_URL is unset); the only place the app writes.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Slim images have no curl: use Node's built-in fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A young generation of 4 MB, as `npm start` runs it: an idle process holds about 30 MB less, and the
# Monday round and the bursts of submissions go as fast (npm run bench).
CMD ["node", "--max-semi-space-size=4", "dist/app/main.js"]

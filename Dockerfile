# PaperGraph API for docker-compose.yml: talks to the neo4j service through NEO4J_URI, so the
# Java launcher (launcher/) is neither built nor shipped here.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY pipelines ./pipelines
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# package.json is needed at run time too: "type": "module" makes dist/*.js ES modules.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read at run time relative to the repo root (dist/..): Neo4j schema files, the demo corpus,
# the pages the server serves (src/web: the query editor, the topic map), and the script the npm CLI scripts
# run first (it compiles nothing here: the image has no TypeScript sources or compiler).
# test/integration/docker-image.int.test.ts builds this file set from these COPY lines and
# runs the server and an ingest from it.
COPY schema ./schema
COPY data/demo ./data/demo
COPY src/web ./src/web
COPY scripts/build-if-stale.mjs ./scripts/build-if-stale.mjs
USER node
EXPOSE 4000
# The CLIs run the same way: docker compose run --rm app npm run ingest -- /papers/file.jsonl
CMD ["node", "dist/pipelines/start.js"]

# One image for the API, the worker and the one-shot migrate service.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src src
COPY libs libs
COPY migrations migrations
COPY scripts scripts
COPY bench bench
COPY web web
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The dashboard's production build, served by the API at / (WEB_DIR).
COPY --from=build /app/web/dist web/dist
COPY package.json ./
USER node
# The API's V8 flags, as in `npm start` (package.json): a young generation large enough that a request's
# short-lived objects die before a scavenge copies them (see README, Configuration).
CMD ["node", "--max-semi-space-size=128", "--no-allocation-site-pretenuring", "dist/src/main.js"]

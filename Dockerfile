# Daicho: the Teams bot and its service, as one container.
#
#   docker build -t daicho .
#   docker run -p 3978:3978 --env-file daicho.env daicho
#
# A container needs MONGODB_URI (Atlas, Azure Cosmos DB for MongoDB vCore, a replica set) and the
# bot's credentials: with NODE_ENV=production the server refuses to start without them, naming
# what is missing. There is no embedded database in the image. See docs/container.md.

# The official Node image by default; a build argument so that a machine without a registry can
# build on a local base (docs/container.md).
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency, TypeScript → dist/ ---------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies, the compiled server and what it reads at run time -----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# cards/: the Adaptive Card templates; env/: the committed defaults (never *.user, see
# .dockerignore). projectRoot() finds /app by its package.json and env/.
COPY cards ./cards
COPY env ./env
# The image's files stay root's; the server writes nothing under /app.
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "require('http').get({host:'127.0.0.1',port:process.env.PORT||3978,path:'/healthz',timeout:4000},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]
CMD ["node", "dist/index.js"]

// Shared by the browser tests: the server, the demo accounts, the browser.
'use strict'

const { spawn, execFileSync } = require('node:child_process')
const { createRequire } = require('node:module')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const readline = require('node:readline')

const REPO = path.resolve(__dirname, '../..')
const HONGWU_BIN = process.env.HONGWU_BIN || path.resolve(__dirname, '../../build/hongwu')
// HONGWU_WEB_DIST: a build of web/ elsewhere (`npx vite build --outDir DIR`), so
// that two builds in one work tree do not overwrite each other.
const WEB_DIST = process.env.HONGWU_WEB_DIST || path.join(REPO, 'web', 'dist')
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const TIMEOUT = 15000

function loadPlaywright() {
  try {
    return createRequire(path.join(REPO, 'web', 'package.json'))('playwright-core')
  } catch (err) {
    throw new Error(`playwright-core not found: run "cd web && npm ci" first (${err.message})`)
  }
}

// `hongwu demo` prints "login<TAB>password" lines.
function demoAccounts(db) {
  const out = execFileSync(HONGWU_BIN, ['demo', '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const accounts = {}
  for (const line of out.split('\n')) {
    const m = /^([^\t#\s][^\t]*)\t(\S+)\s*$/.exec(line)
    if (m) accounts[m[1]] = m[2]
  }
  return accounts
}

// Starts `hongwu serve --port 0` and resolves with its base URL.
function startServer(db) {
  const proc = spawn(HONGWU_BIN, ['serve', '--port', '0', '--db', db, '--web', WEB_DIST], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  proc.stderr.on('data', (b) => {
    stderr += b
    if (stderr.length > 20000) stderr = stderr.slice(-20000)
  })
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })))
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not say where it listens\n${stderr}`)), TIMEOUT)
    readline.createInterface({ input: proc.stdout }).on('line', (line) => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`server exited early (code ${code}, signal ${signal})\n${stderr}`))
    })
  })
  return { proc, url, exited, stderr: () => stderr }
}

async function launch(chromium, viewport, extra = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...extra,
  })
  context.setDefaultTimeout(TIMEOUT)
  return {
    context,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

async function fillLogin(page, login, password) {
  await page.locator('input[data-testid=login-login]').fill(login)
  await page.locator('input[data-testid=login-password]').fill(password)
  await page.locator('[data-testid=login-submit]').click()
}

// Stops the server with SIGTERM, removes the test's folder, and checks the
// server finished in-flight requests and exited 0.
async function stopServer(server, dir) {
  if (server) {
    server.proc.kill('SIGTERM')
    const { code, signal } = await server.exited
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    assert.equal(signal, null, `server killed by ${signal}\n${server.stderr()}`)
    assert.equal(code, 0, `server exit code ${code}\n${server.stderr()}`)
  } else if (dir) {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// An API client signed in as each demo account on first use:
// api(login, method, url, body) answers the parsed JSON of a 2xx answer (null
// when empty) and fails the test on any other status.
function apiClient(base, accounts) {
  const tokens = {}
  return async function api(login, method, url, body) {
    if (!tokens[login]) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login, password: accounts[login] }),
      })
      assert.equal(res.status, 200, `API login of ${login}`)
      tokens[login] = (await res.json()).token
    }
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { Authorization: `Bearer ${tokens[login]}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    assert.ok(res.status < 300, `${method} ${url} as ${login}: ${res.status} ${text}`)
    return text ? JSON.parse(text) : null
  }
}

module.exports = {
  stopServer,
  REPO,
  HONGWU_BIN,
  WEB_DIST,
  CHROMIUM,
  TIMEOUT,
  loadPlaywright,
  demoAccounts,
  startServer,
  launch,
  fillLogin,
  apiClient,
}

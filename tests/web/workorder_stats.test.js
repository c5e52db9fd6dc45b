// Browser test of the work-order statistics page against the real server:
// `node --test tests/web/workorder_stats.test.js`. Same needs as the other
// files (web/dist, build/hongwu or HONGWU_BIN, /usr/bin/chromium).
//
// Community staff open the statistics of the demo's orders: the four charts
// are drawn on canvases, the figures table shows for every unit what
// GET /work-order-stats answers, the ranking names the units it left out,
// and the CSV button downloads the same figures. A grid leader sees their
// grid only; a resident has no statistics in the menu. Screenshot:
// /tmp/hongwu-wo-stats.png.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer } = require('./harness.js')

const DESKTOP = { width: 1360, height: 900 }
const RATES = ['response', 'resolve_on_time', 'resolution', 'satisfaction', 'closed_on_time', 'reopen', 'sendback']

// As the page writes a rate: "90.0%", or a dash without a denominator.
const pct = (q) => (q.den ? `${((q.num / q.den) * 100).toFixed(1)}%` : '—')

describe('work-order statistics page against hongwu serve', () => {
  let dir, server, base, accounts, chromium
  const staff = 'demo-community-staff'
  const leader = 'demo-grid-leader'
  const resident = 'demo-resident'
  const tokens = {}

  async function api(login, url) {
    if (!tokens[login]) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login, password: accounts[login] }),
      })
      assert.equal(res.status, 200, `API login of ${login}`)
      tokens[login] = (await res.json()).token
    }
    const res = await fetch(`${base}${url}`, { headers: { Authorization: `Bearer ${tokens[login]}` } })
    assert.equal(res.status, 200, `GET ${url} as ${login}`)
    return res.json()
  }

  async function signIn(login) {
    const b = await launch(chromium, DESKTOP, { acceptDownloads: true })
    const page = await b.context.newPage()
    await page.goto(`${base}/login`)
    await fillLogin(page, login, accounts[login])
    await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
    return { b, page }
  }

  // The figures table as a person reads it: one array of cell texts per row.
  async function tableRows(page) {
    const table = page.locator('[data-testid=stats-table] .el-table__body-wrapper tbody tr')
    return table.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())))
  }

  before(async () => {
    assert.ok(fs.existsSync(HONGWU_BIN), `no server binary at ${HONGWU_BIN} (build it, or set HONGWU_BIN)`)
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'no web/dist: run "cd web && npm ci && npm run build"')
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-wo-stats-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    for (const l of [staff, leader, resident]) assert.ok(accounts[l], `demo printed no password for ${l}`)
    server = startServer(db)
    base = await server.url
  })

  after(() => stopServer(server, dir))

  test('charts drawn, the figures table matching the API, ranking and CSV', async () => {
    const answer = await api(staff, '/api/v1/work-order-stats')
    assert.ok(answer.total.received > 0, 'the demo has orders in the last 30 days')
    const { b, page } = await signIn(staff)
    try {
      await page.locator('.el-menu-item', { hasText: '工单统计' }).first().click()
      await page.waitForURL(/\/work-order-stats$/)
      await page.locator('[data-testid=stats-received]').waitFor({ state: 'visible' })
      assert.equal(await page.locator('[data-testid=stats-received]').innerText(), String(answer.total.received))
      for (const r of RATES)
        assert.equal(await page.locator(`[data-testid=stats-total-${r}]`).innerText(), pct(answer.total.rates[r]), r)

      // Each chart is a canvas with something drawn on it.
      for (const name of ['rates', 'trend', 'levels', 'categories']) {
        const canvas = page.locator(`[data-testid=stats-chart-${name}] canvas`).first()
        await canvas.waitFor({ state: 'attached' })
        const drawn = await canvas.evaluate((c) => {
          const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
          let n = 0
          for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++
          return { w: c.width, h: c.height, n }
        })
        assert.ok(drawn.w > 100 && drawn.h > 100, `${name}: a canvas of size ${drawn.w}×${drawn.h}`)
        assert.ok(drawn.n > 500, `${name}: ${drawn.n} pixels drawn`)
      }

      // The figures table: one row per unit, then the total, as the API says.
      const rows = await tableRows(page)
      const expect = [...answer.items.map((u) => ({ ...u, label: u.id == null ? '（无）' : u.name })),
        { ...answer.total, label: '合计' }]
      assert.equal(rows.length, expect.length)
      rows.forEach((cells, i) => {
        const u = expect[i]
        assert.equal(cells[0], u.label)
        assert.equal(cells[1], String(u.received), `${u.label} received`)
        assert.equal(cells[2], String(u.closed), `${u.label} closed`)
        RATES.forEach((r, k) => assert.equal(cells[3 + k], pct(u.rates[r]), `${u.label} ${r}`))
      })

      // The ranking leaves out the units under the minimum, and says so.
      const ranked = await page.locator('[data-testid=stats-ranked]').allInnerTexts()
      assert.equal(ranked.length, answer.ranking.items.length)
      if (answer.ranking.left_out.length) {
        const left = await page.locator('[data-testid=stats-left-out]').innerText()
        for (const u of answer.ranking.left_out) assert.ok(left.includes(u.name), `${u.name} shown as left out`)
      }
      // A minimum of 1 ranks every unit with a denominator.
      await page.locator('[data-testid=stats-min] input').fill('1')
      await page.locator('[data-testid=stats-min] input').press('Enter')
      const all = await api(staff, '/api/v1/work-order-stats?min_orders=1')
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=stats-ranked]').length === n, all.ranking.items.length)

      // Per community: the table follows the unit chosen.
      await page.locator('[data-testid=stats-by]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '社区' }).first().click()
      const byCommunity = await api(staff, '/api/v1/work-order-stats?by=community&min_orders=1')
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=stats-table] tbody tr').length === n, byCommunity.items.length + 1)
      const communityRows = await tableRows(page)
      assert.equal(communityRows[0][0], byCommunity.items[0].name)
      assert.equal(communityRows[0][1], String(byCommunity.items[0].received))

      // CSV: the same totals.
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=stats-csv]').click()])
      assert.match(dl.suggestedFilename(), /^work-order-stats-community-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/)
      const text = fs.readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '')
      const lines = text.trim().split(/\r\n/)
      const total = lines[lines.length - 1].split(',')
      assert.equal(total[1], '合计')
      assert.equal(total[2], String(byCommunity.total.received))
      await page.screenshot({ path: '/tmp/hongwu-wo-stats.png', fullPage: true })
    } finally {
      await b.close()
    }
  })

  test('a grid leader sees their grid; a resident has no statistics', async () => {
    const answer = await api(leader, '/api/v1/work-order-stats')
    const { b, page } = await signIn(leader)
    try {
      await page.goto(`${base}/work-order-stats`)
      await page.locator('[data-testid=stats-received]').waitFor({ state: 'visible' })
      assert.equal(await page.locator('[data-testid=stats-received]').innerText(), String(answer.total.received))
      const rows = await tableRows(page)
      assert.deepEqual(rows.map((r) => r[0]), [...answer.items.map((u) => u.name), '合计'])
      assert.ok(answer.items.every((u) => u.id === answer.items[0].id), 'one grid only')
    } finally {
      await b.close()
    }
    const r = await signIn(resident)
    try {
      assert.equal(await r.page.locator('.el-menu-item', { hasText: '工单统计' }).count(), 0)
    } finally {
      await r.b.close()
    }
  })
})

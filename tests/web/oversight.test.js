// Browser test of supervision against the real server:
// `node --test tests/web/oversight.test.js`. Same needs as the other files
// (web/dist or HONGWU_WEB_DIST, build/hongwu or HONGWU_BIN, /usr/bin/chromium).
//
// A resident, not signed in, on a phone-sized page files a complaint about a
// property company anonymously and is given a tracking code; the inspector
// finds it in the console, verifies it and records it upheld; the public
// status page then shows the finding, without the inspector's notes. The
// public red-black list shows the demo's published quarter.
// Screenshots: /tmp/hongwu-oversight-*.png.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer, apiClient } = require('./harness.js')

const DESKTOP = [{ width: 1360, height: 860 }]
const PHONE = [{ width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]

describe('supervision pages against hongwu serve', () => {
  let dir, server, base, accounts, chromium, api
  const inspector = 'demo-inspector'

  before(async () => {
    assert.ok(fs.existsSync(HONGWU_BIN), `no server binary at ${HONGWU_BIN}`)
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), `no web build at ${WEB_DIST}`)
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-oversight-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    assert.ok(accounts[inspector], 'demo printed no password for the inspector')
    server = startServer(db)
    base = await server.url
    api = apiClient(base, accounts)
  })

  after(() => stopServer(server, dir))

  test('anonymous complaint on a phone → code → inspector finds it upheld → status shows it', async () => {
    const matter = `物业收费不开发票（浏览器测试 ${Date.now()}）`
    const phone = await launch(chromium, ...PHONE)
    let code
    try {
      const page = await phone.context.newPage()
      await page.goto(`${base}/complaint`)
      await page.locator('[data-testid=oversight-complaint-page]').waitFor({ state: 'visible' })
      await page.locator('[data-testid=oversight-place] option', { hasText: '紫薇花园' }).first().waitFor({ state: 'attached' })
      await page.locator('[data-testid=oversight-place]').selectOption({ label: '紫薇花园' })
      await page.locator('[data-testid=oversight-company]').selectOption({ label: '紫薇物业服务有限公司' })
      // Sent empty first: the field error is shown by the field.
      await page.locator('[data-testid=oversight-submit]').click()
      await page.locator('[data-testid=oversight-matter] .van-field__error-message').waitFor({ state: 'visible' })
      await page.locator('[data-testid=oversight-matter] textarea').fill(matter)
      await page.locator('[data-testid=oversight-submit]').click()
      const shown = page.locator('[data-testid=oversight-code]')
      await shown.waitFor({ state: 'visible' })
      code = (await shown.innerText()).trim()
      assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
      // The page is as wide as the phone: nothing scrolls sideways.
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 390, `page width ${width}`)
      await page.screenshot({ path: '/tmp/hongwu-oversight-filed.png', fullPage: true })
      await page.locator('[data-testid=oversight-lookup]').click()
      assert.equal(await page.locator('[data-testid=oversight-status]').innerText(), '已受理')
    } finally {
      await phone.close()
    }

    // ---- the inspector's console ----
    const desk = await launch(chromium, ...DESKTOP)
    try {
      const page = await desk.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, inspector, accounts[inspector])
      await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
      await page.locator('[data-testid=home-card-oversightQueue]').waitFor({ state: 'visible' })
      await page.goto(`${base}/oversight/complaints`)
      const row = page.locator('[data-testid=oversight-row]', { hasText: matter })
      await row.waitFor({ state: 'visible' })
      await row.click()
      await page.locator('[data-testid=oversight-detail-matter]', { hasText: matter }).waitFor({ state: 'visible' })
      await page.locator('[data-testid=oversight-step-note]').fill('内部：调阅收费台账，确认未开票')
      await page.locator('[data-testid=oversight-step-submit]').click()
      await page.locator('[data-testid=oversight-detail-status]', { hasText: '核实中' }).waitFor({ state: 'visible' })
      await page.locator('[data-testid=oversight-step-kind]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '认定' }).click()
      await page.locator('[data-testid=oversight-step-note]').fill('内部：当事人承认')
      await page.locator('[data-testid=oversight-step-submit]').click()
      await page.locator('[data-testid=oversight-detail-finding]', { hasText: '属实' }).waitFor({ state: 'visible' })
      assert.equal(await page.locator('[data-testid=oversight-step]').count(), 2)
      await page.screenshot({ path: '/tmp/hongwu-oversight-console.png', fullPage: true })
    } finally {
      await desk.close()
    }

    // ---- the public status page shows the finding, never the notes ----
    const again = await launch(chromium, ...PHONE)
    try {
      const page = await again.context.newPage()
      await page.goto(`${base}/complaint`)
      await page.locator('[data-testid=oversight-lookup-code] input').fill(code)
      await page.locator('[data-testid=oversight-lookup]').click()
      await page.locator('[data-testid=oversight-finding]').waitFor({ state: 'visible' })
      assert.equal(await page.locator('[data-testid=oversight-status]').innerText(), '已认定')
      assert.equal(await page.locator('[data-testid=oversight-finding]').innerText(), '属实')
      const text = await page.locator('[data-testid=oversight-lookup-result]').innerText()
      assert.ok(!text.includes('内部'), text)
      // A wrong code finds nothing.
      await page.locator('[data-testid=oversight-lookup-code] input').fill('0000-0000-0000-0000')
      await page.locator('[data-testid=oversight-lookup]').click()
      await page.locator('[data-testid=oversight-lookup-error]').waitFor({ state: 'visible' })
      await page.screenshot({ path: '/tmp/hongwu-oversight-status.png', fullPage: true })
    } finally {
      await again.close()
    }
    const items = (await api(inspector, 'GET', '/api/v1/complaints?limit=200')).items
    const mine = items.find((c) => c.matter === matter)
    assert.equal(mine.anonymous, true)
    assert.equal(mine.finding, 'upheld')
  })

  test('the public red-black list shows the published quarter with its figures', async () => {
    const b = await launch(chromium, ...DESKTOP)
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/red-black-list`)
      await page.locator('[data-testid=oversight-red-item]').first().waitFor({ state: 'visible' })
      assert.match(await page.locator('[data-testid=oversight-red-item]').first().innerText(), /紫薇物业/)
      assert.match(await page.locator('[data-testid=oversight-black-item]').first().innerText(), /东方物业/)
      assert.equal(await page.locator('[data-testid=oversight-company]').count(), 3)
      await page.screenshot({ path: '/tmp/hongwu-oversight-list.png', fullPage: true })
    } finally {
      await b.close()
    }
  })
})

// Browser test of the grid-care pages against the real server:
// `node --test tests/web/care.test.js`. Same needs as the other files
// (web/dist, build/hongwu or HONGWU_BIN, /usr/bin/chromium).
//
// The demo's grid worker, on a phone, sees today's due visits red first, in
// the order the server gives; with the network cut they log two visits, one
// with a follow-up, and the page says 2 are waiting while the server has none
// of them; when the network returns exactly two arrive, the follow-up became
// one work order, and a reload sends nothing again. The grid leader then sees
// the worker's compliance. Screenshots: /tmp/hongwu-care-*.png.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer, apiClient } = require('./harness.js')

const DESKTOP = [{ width: 1360, height: 860 }]
const PHONE = [{ width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]
const TIER_ORDER = ['red', 'orange', 'yellow', 'green']

describe('grid-care pages against hongwu serve', () => {
  let dir, server, base, accounts, chromium
  const worker = 'demo-grid-worker' // 董甜, posted to 第一网格
  const leader = 'demo-grid-leader' // 第一网格's grid leader
  let api

  async function all(login, url) {
    const items = []
    for (let after = ''; ; ) {
      const page = await api(login, 'GET', `${url}${url.includes('?') ? '&' : '?'}limit=200${after}`)
      items.push(...page.items)
      if (page.next_after == null) return items
      after = `&after=${page.next_after}`
    }
  }

  async function signIn(login, viewport) {
    const b = await launch(chromium, ...viewport)
    const page = await b.context.newPage()
    await page.goto(`${base}/login`)
    await fillLogin(page, login, accounts[login])
    await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
    return { b, page }
  }

  // A category to file the follow-up under, with the names to pick on the way down.
  async function someCategory() {
    const items = (await all(worker, '/api/v1/wo-categories')).filter((c) => c.enabled !== false)
    for (const root of items.filter((c) => !c.parent_id)) {
      const child = items.find((c) => c.parent_id === root.id)
      if (child) return { id: child.id, path: [root.name_zh, child.name_zh] }
    }
    const root = items.find((c) => !c.parent_id)
    return { id: root.id, path: [root.name_zh] }
  }

  before(async () => {
    assert.ok(fs.existsSync(HONGWU_BIN), `no server binary at ${HONGWU_BIN} (build it, or set HONGWU_BIN)`)
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'no web/dist: run "cd web && npm ci && npm run build"')
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-care-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    for (const l of [worker, leader]) assert.ok(accounts[l], `demo printed no password for ${l}`)
    server = startServer(db)
    base = await server.url
    api = apiClient(base, accounts)
  })

  after(() => stopServer(server, dir))

  test('due list in tier order → two visits offline → exactly two arrive, one work order → compliance', async () => {
    const me = (await api(worker, 'GET', '/api/v1/auth/me')).user
    const due = await api(worker, 'GET', '/api/v1/care/due')
    assert.ok(due.today.length >= 2, `the demo has at least two visits due today: ${JSON.stringify(due.today)}`)
    const mine = () => all(worker, `/api/v1/care/visits?visitor_id=${me.id}`)
    const before = await mine()
    const category = await someCategory()
    const problem = `卫生间水龙头滴水（离线走访 ${Date.now()}）`

    const w = await signIn(worker, PHONE)
    try {
      const page = w.page
      // ---- today's due visits, red first, as the server orders them ----
      await page.locator('.van-tabbar [data-testid=nav-careDue]').click()
      await page.waitForURL(/\/care$/)
      const rows = page.locator('[data-testid=care-due-row]')
      await rows.first().waitFor({ state: 'visible' })
      assert.equal(await rows.count(), due.today.length)
      const tiers = await rows.evaluateAll((els) => els.map((e) => e.dataset.tier))
      const labels = await page.locator('[data-testid=care-due-label]').allTextContents()
      assert.deepEqual(labels, due.today.map((x) => x.household.label))
      assert.equal(tiers[0], 'red', `red first: ${tiers}`)
      for (let i = 1; i < tiers.length; i++)
        assert.ok(TIER_ORDER.indexOf(tiers[i - 1]) <= TIER_ORDER.indexOf(tiers[i]), `tier order: ${tiers}`)
      assert.match(await page.locator('[data-testid=care-due-tier]').first().innerText(), /红色/)
      await page.screenshot({ path: '/tmp/hongwu-care-due.png', fullPage: true })

      // ---- the network cut: two visits kept on the phone ----
      await w.b.context.setOffline(true)
      const [first, second] = due.today
      await rows.nth(0).click()
      const form = page.locator('[data-testid=care-visit-form]')
      await form.waitFor({ state: 'visible' })
      assert.equal(await form.locator('[data-testid=care-visit-household]').innerText(), first.household.label)
      await form.locator('[data-testid=care-visit-medical] input').fill('盐南医院 林医生')
      await form.locator('[data-testid=care-visit-police] input').fill('社区民警 王警官')
      await form.locator('[data-testid=care-visit-seen] textarea').fill('精神好，已代购蔬菜')
      await form.locator('[data-testid=care-visit-save]').click()
      await form.waitFor({ state: 'hidden' })
      const waiting = page.locator('[data-testid=care-waiting]')
      await waiting.waitFor({ state: 'visible' })
      assert.match(await waiting.innerText(), /1 条走访记录待发送/)
      await page.locator('[data-testid=care-offline]').waitFor({ state: 'visible' })

      await rows.nth(1).click()
      await form.waitFor({ state: 'visible' })
      assert.equal(await form.locator('[data-testid=care-visit-household]').innerText(), second.household.label)
      await form.locator('[data-testid=care-visit-seen] textarea').fill('家中一切正常，水龙头滴水')
      await form.locator('[data-testid=care-visit-follow-up]').click()
      await form.locator('[data-testid=care-visit-category]').click()
      const picker = page.locator('[data-testid=care-visit-category-picker]')
      for (const name of category.path) await picker.locator('.van-cascader__option', { hasText: name }).first().click()
      await form.locator('[data-testid=care-visit-follow-up-description] textarea').fill(problem)
      await form.locator('[data-testid=care-visit-save]').click()
      await form.waitFor({ state: 'hidden' })
      await page.locator('[data-testid=care-waiting][data-count="2"]').waitFor({ state: 'visible' })
      assert.match(await waiting.innerText(), /2 条走访记录待发送/)
      assert.equal(await page.locator('[data-testid=care-due-queued]').count(), 2)
      await page.screenshot({ path: '/tmp/hongwu-care-offline.png', fullPage: true })
      assert.equal((await mine()).length, before.length, 'nothing reached the server while offline')

      // ---- the network back: exactly two arrive ----
      await w.b.context.setOffline(false)
      await waiting.waitFor({ state: 'hidden', timeout: 45000 })
      let after = await mine()
      assert.equal(after.length, before.length + 2, 'exactly two visits arrived')
      const known = new Set(before.map((v) => v.id))
      const fresh = after.filter((v) => !known.has(v.id))
      const byHousehold = Object.fromEntries(fresh.map((v) => [v.household.id, v]))
      assert.deepEqual(Object.keys(byHousehold).map(Number).sort(), [first.household.id, second.household.id].sort())
      const plain = byHousehold[first.household.id]
      const followed = byHousehold[second.household.id]
      assert.equal(plain.accompanied, true)
      assert.equal(plain.work_order, null)
      assert.ok(followed.work_order && followed.work_order.number, `the follow-up filed a work order: ${JSON.stringify(followed)}`)
      const orders = (await api(worker, 'GET', `/api/v1/work-orders?q=${encodeURIComponent(problem)}&limit=50`)).items
      assert.equal(orders.length, 1, 'one work order for the follow-up')
      assert.equal(orders[0].id, followed.work_order.id)

      // A reload sends nothing again: the phone's store is empty and the keys were used once.
      await page.reload()
      await page.locator('[data-testid=care-due-row], [data-testid=care-due-empty]').first().waitFor({ state: 'visible' })
      await page.waitForTimeout(1500)
      assert.equal(await waiting.count(), 0)
      after = await mine()
      assert.equal(after.length, before.length + 2, 'still exactly two after a reload')
      // The two households visited today left today's list.
      const shown = await page.locator('[data-testid=care-due-row]').evaluateAll((els) => els.map((e) => Number(e.dataset.household)))
      assert.ok(!shown.includes(first.household.id) && !shown.includes(second.household.id), `visited today: ${shown}`)
    } finally {
      await w.b.close()
    }

    // ---- the grid leader sees the worker's compliance ----
    const compliance = await api(leader, 'GET', '/api/v1/care/compliance')
    const row = compliance.workers.find((x) => x.user.id === me.id)
    assert.ok(row, `the worker is in their grid leader's compliance: ${JSON.stringify(compliance.workers)}`)
    const l = await signIn(leader, DESKTOP)
    try {
      const page = l.page
      await page.goto(`${base}/care/compliance`)
      const cell = page.locator('[data-testid=care-compliance-worker]', { hasText: me.name })
      await cell.waitFor({ state: 'visible' })
      const text = await cell.locator('xpath=ancestor::tr').innerText()
      assert.match(text, new RegExp(`${row.periods_met}/${row.periods_due}`))
      assert.match(text, new RegExp(`${row.visits_made}/${row.visits_required}`))
      assert.ok(text.includes(row.rate === null ? '本月尚无到期周期' : `${row.rate}%`), text)
      await page.screenshot({ path: '/tmp/hongwu-care-compliance.png', fullPage: true })
    } finally {
      await l.b.close()
    }
  })
})

// Browser test of the work-order pages against the real server:
// `node --test tests/web/workorders.test.js`. Same needs as the other files
// (web/dist, build/hongwu or HONGWU_BIN, /usr/bin/chromium).
//
// A resident on a phone joins a neighbour's report of the same problem
// ("me too"), then reports one of their own with a photo and watches its
// clocks count down; a grid leader dispatches it from the queue (most urgent
// first) to the grid worker, while a second dispatcher whose page is stale is
// told someone else changed the order (412); the worker takes it, arrives and
// resolves it with a photo on a phone; the resident sees the clocks met and
// rates it. A resident who scans the QR code of a building's 户情图 sees the
// building by its label on the report form. Screenshots: /tmp/hongwu-wo-*.png.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const zlib = require('node:zlib')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer, apiClient } = require('./harness.js')

const DESKTOP = { width: 1360, height: 860 }
const PHONE = [{ width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]

// A small real PNG (a red square), made here so the server's content check sees a valid file.
function png(size = 8) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([200, 22, 29]))])
  const pixels = zlib.deflateSync(Buffer.concat(Array(size).fill(row)))
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

describe('work-order pages against hongwu serve', () => {
  let dir, server, base, accounts, chromium
  const resident = 'demo-resident'
  const leader = 'demo-grid-leader' // dispatcher of 第一网格
  const staff = 'demo-community-staff' // the second dispatcher
  const worker = 'demo-grid-worker' // 董甜, posted to 第一网格
  let api

  async function signIn(login, viewport) {
    const b = await launch(chromium, ...viewport)
    const page = await b.context.newPage()
    await page.goto(`${base}/login`)
    await fillLogin(page, login, accounts[login])
    await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
    return { b, page }
  }

  // A category to report under: the first enabled child of the first root
  // that has one, with the names to pick on the way down.
  async function someCategory() {
    const all = []
    for (let after = ''; ; ) {
      const page = await api(resident, 'GET', `/api/v1/wo-categories?limit=200${after}`)
      all.push(...page.items)
      if (page.next_after == null) break
      after = `&after=${page.next_after}`
    }
    const items = all.filter((c) => c.enabled !== false)
    assert.ok(items.length, 'the sub-district has work-order categories')
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
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-wo-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    for (const l of [resident, leader, staff, worker]) assert.ok(accounts[l], `demo printed no password for ${l}`)
    server = startServer(db)
    base = await server.url
    api = apiClient(base, accounts)
  })

  after(() => stopServer(server, dir))

  test('a resident scanning a 户情图 QR code sees the building by its label', async () => {
    const home = (await api(resident, 'GET', '/api/v1/auth/me')).user.scope
    const up = async (id) => api(staff, 'GET', `/api/v1/places/${(await api(staff, 'GET', `/api/v1/places/${id}`)).parent_id}`)
    const building = await up((await up(home.id)).id)
    const compound = await up(building.id)
    const r = await signIn(resident, PHONE)
    try {
      const page = r.page
      // The address the QR code carries, sent on to the report form.
      await page.goto(`${base}/report?place_id=${building.id}`)
      await page.waitForURL(new RegExp(`/my-reports/new\\?place_id=${building.id}$`))
      const want = `${compound.name} ${building.name}`
      await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v, ['[data-testid=wo-form-asked-place] input', want])
      await page.screenshot({ path: '/tmp/hongwu-wo-phone-qr.png' })
    } finally {
      await r.b.close()
    }
  })

  test('report → dispatch (and a stale second dispatcher) → take, arrive, resolve → the resident rates', async () => {
    const category = await someCategory()
    const me = await api(resident, 'GET', '/api/v1/auth/me')
    const home = me.user.scope
    assert.equal(home.kind, 'dwelling')
    // A neighbour's matter of the same kind in the resident's building, filed by the grid worker on patrol.
    const entrance = await api(worker, 'GET', `/api/v1/places/${(await api(worker, 'GET', `/api/v1/places/${home.id}`)).parent_id}`)
    const neighbour = await api(worker, 'POST', '/api/v1/work-orders', {
      channel: 'grid_patrol',
      category_id: category.id,
      description: '1幢楼道有同样的问题（巡查发现）',
      place_id: entrance.parent_id,
      reporter_kind: 'staff',
    })
    const mine = '厨房水管漏水，水已经流到客厅'
    let orderId

    // ---- the resident, on a phone: "me too", then their own report ----
    const r = await signIn(resident, PHONE)
    try {
      const page = r.page
      await page.locator('.van-tabbar [data-testid=nav-myReports]').click()
      await page.waitForURL(/\/my-reports$/)
      await page.locator('[data-testid=wo-report-new]').click()
      await page.waitForURL(/\/my-reports\/new$/)
      // The place is their home, by its full label.
      const homeLabel = (await api(resident, 'GET', `/api/v1/residents?dwelling_id=${home.id}&limit=1`)).items[0].dwellings.find((d) => d.id === home.id).label
      await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.value === want, ['[data-testid=wo-form-home] input', homeLabel])

      async function pickCategory() {
        await page.locator('[data-testid=wo-form-category]').click()
        const picker = page.locator('[data-testid=wo-form-category-picker]')
        for (const name of category.path) await picker.locator('.van-cascader__option', { hasText: name }).first().click()
        await picker.waitFor({ state: 'hidden' })
      }
      await pickCategory()
      // The neighbour's order is offered before filing; joining it follows that one.
      const similar = page.locator('[data-testid=wo-similar-item]', { hasText: neighbour.description })
      await similar.waitFor()
      await page.screenshot({ path: '/tmp/hongwu-wo-phone-similar.png' })
      await similar.locator('[data-testid=wo-similar-join]').click()
      await page.waitForURL(new RegExp(`/work-orders/${neighbour.id}$`))
      await page.locator('[data-testid=wo-supporters]').getByText('您已附议').waitFor()

      // Their own matter, with a photo.
      await page.goto(`${base}/my-reports/new`)
      await pickCategory()
      await page.locator('[data-testid=wo-form-description] textarea').fill(mine)
      await page.locator('[data-testid=wo-form-photos] input[type=file]').setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: png() })
      await page.locator('[data-testid=wo-form-submit]').click()
      await page.waitForURL(/\/work-orders\/\d+$/)
      orderId = Number(/\/work-orders\/(\d+)$/.exec(page.url())[1])
      assert.notEqual(orderId, neighbour.id)
      assert.match(await page.locator('[data-testid=wo-number]').innerText(), /^WO-\d{8}-\d+$/)
      await page.locator('[data-testid=wo-status]').getByText('待派单').waitFor()
      assert.equal(await page.locator('[data-testid=wo-description]').innerText(), mine)
      // The photo is shown (its bytes came back from the server).
      const photo = page.locator('[data-testid=wo-photo]')
      await photo.first().waitFor()
      assert.ok(await photo.first().evaluate((img) => img.complete && img.naturalWidth > 0), 'the photo loads')
      // Two clocks, counting down.
      const clocks = page.locator('[data-testid=wo-clock-text]')
      assert.equal(await clocks.count(), 2)
      const first = await clocks.first().innerText()
      assert.match(first, /^剩 \d+分\d{2}秒$/)
      await page.waitForTimeout(2200)
      assert.notEqual(await clocks.first().innerText(), first, 'the on-site clock counts down live')
      await page.screenshot({ path: '/tmp/hongwu-wo-phone-order.png', fullPage: true })
    } finally {
      await r.b.close()
    }

    // ---- two dispatchers: the second has the order open before the first dispatches ----
    const second = await signIn(staff, [DESKTOP])
    const first = await signIn(leader, [DESKTOP])
    try {
      const stale = second.page
      await stale.goto(`${base}/work-orders/${orderId}`)
      await stale.locator('[data-testid=wo-status]').getByText('待派单').waitFor()
      await stale.locator('[data-testid=wo-action-dispatch]').waitFor()

      const page = first.page
      await page.locator('[data-testid=nav-workOrders]').click()
      await page.waitForURL(/\/work-orders$/)
      const rows = page.locator('[data-testid=wo-queue-table] .el-table__body-wrapper tr.el-table__row')
      const row = rows.filter({ hasText: mine })
      await row.waitFor()
      assert.match(await row.innerText(), /待派单/)
      assert.match(await row.innerText(), /剩 \d+分\d{2}秒/)
      // Most urgent first: the neighbour's order, reported earlier, comes before it.
      const texts = await rows.allInnerTexts()
      const at = (s) => texts.findIndex((x) => x.includes(s))
      assert.ok(at(neighbour.description) >= 0 && at(neighbour.description) < at(mine), 'queue sorted by time left')
      await page.screenshot({ path: '/tmp/hongwu-wo-queue.png' })

      await row.locator('[data-testid=wo-act-dispatch]').click()
      const dialog = page.locator('.el-dialog[data-testid=wo-action-dialog]')
      await dialog.waitFor({ state: 'visible' })
      await dialog.locator('[data-testid=wo-dialog-assignee]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '董甜' }).click()
      await dialog.locator('[data-testid=wo-dialog-submit]').click()
      await dialog.waitFor({ state: 'hidden' })
      await row.getByText('已派单').waitFor()
      assert.match(await row.innerText(), /董甜/)

      // The second dispatcher acts on what they saw: refused, told why, shown the order as it is.
      await stale.locator('[data-testid=wo-action-dispatch]').click()
      const dialog2 = stale.locator('.el-dialog[data-testid=wo-action-dialog]')
      await dialog2.waitFor({ state: 'visible' })
      await dialog2.locator('[data-testid=wo-dialog-assignee]').click()
      await stale.locator('.el-select-dropdown__item:visible', { hasText: '孙达' }).click()
      await dialog2.locator('[data-testid=wo-dialog-submit]').click()
      const box = stale.locator('.el-message-box.wo-conflict')
      await box.waitFor({ state: 'visible' })
      assert.match(await box.innerText(), /其他人修改/)
      await stale.locator('[data-testid=wo-status]').getByText('已派单').waitFor()
      assert.match(await stale.locator('[data-testid=wo-assignee]').innerText(), /董甜/)
      await stale.screenshot({ path: '/tmp/hongwu-wo-412.png' })
    } finally {
      await first.b.close()
      await second.b.close()
    }

    // ---- the worker, on a phone: take, arrive, resolve with a photo ----
    const w = await signIn(worker, PHONE)
    try {
      const page = w.page
      await page.locator('.van-tabbar [data-testid=nav-myTasks]').click()
      await page.waitForURL(/\/my-tasks$/)
      const row = page.locator('[data-testid=wo-task-row]', { hasText: mine })
      await row.waitFor()
      await row.locator('[data-testid=wo-act-take]').click()
      await row.getByText('已接单').waitFor()
      await row.locator('[data-testid=wo-act-arrive]').click()
      await row.getByText('已到场').waitFor()
      assert.match(await row.innerText(), /到场：按时完成/)
      await row.locator('[data-testid=wo-act-resolve]').click()
      const sheet = page.locator('.van-popup[data-testid=wo-action-dialog]')
      await sheet.waitFor({ state: 'visible' })
      await sheet.locator('[data-testid=wo-dialog-photo] input[type=file]').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: png(12) })
      await sheet.locator('.van-uploader__preview').waitFor()
      await sheet.locator('[data-testid=wo-dialog-note] textarea').fill('已更换水管接头，试水无渗漏')
      await sheet.locator('[data-testid=wo-dialog-submit]').click()
      await sheet.waitFor({ state: 'hidden' })
      await row.getByText('已办结').waitFor()
      await page.screenshot({ path: '/tmp/hongwu-wo-phone-tasks.png' })
    } finally {
      await w.b.close()
    }

    // ---- the resident again: clocks met, the timeline, a rating ----
    const r2 = await signIn(resident, PHONE)
    try {
      const page = r2.page
      await page.goto(`${base}/work-orders/${orderId}`)
      await page.locator('[data-testid=wo-status]').getByText('已办结').waitFor()
      assert.deepEqual(await page.locator('[data-testid=wo-clock-text]').allInnerTexts(), ['按时完成', '按时完成'])
      assert.equal(await page.locator('[data-testid=wo-photo]').count(), 2, 'the report photo and the resolve photo')
      const timeline = page.locator('[data-testid=wo-timeline]')
      for (const step of ['派单', '接单', '到场', '办结']) await timeline.getByText(step).first().waitFor()
      await timeline.getByText('已更换水管接头，试水无渗漏').waitFor()

      await page.locator('[data-testid=wo-action-rate]').click()
      const sheet = page.locator('.van-popup[data-testid=wo-action-dialog]')
      await sheet.waitFor({ state: 'visible' })
      await sheet.locator('[data-testid=wo-dialog-rating] .van-rate__item').nth(4).click()
      await sheet.locator('[data-testid=wo-dialog-comment] textarea').fill('师傅来得很快，谢谢')
      await sheet.locator('[data-testid=wo-dialog-submit]').click()
      await sheet.waitFor({ state: 'hidden' })
      await page.locator('[data-testid=wo-status]').getByText('已评价').waitFor()
      assert.match(await page.locator('[data-testid=wo-rating]').innerText(), /^★★★★★ 师傅来得很快，谢谢$/)
      await timeline.getByText('评价').first().waitFor()
      await page.screenshot({ path: '/tmp/hongwu-wo-phone-rated.png', fullPage: true })
    } finally {
      await r2.b.close()
    }
  })
})

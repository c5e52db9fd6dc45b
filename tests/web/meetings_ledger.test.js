// Browser test of deliberation and the public-revenue ledger against the
// real server: `node --test tests/web/meetings_ledger.test.js`. Same needs as
// the other files (web/dist or HONGWU_WEB_DIST, build/hongwu or HONGWU_BIN,
// /usr/bin/chromium).
//
// The demo resident, on a phone, raises a topic, comments on it and reads a
// neighbour's name masked; community staff read the sewer meeting with its
// decision and the follow-up work order's number; the owner reads the month
// of the sewer spending with the figures the server computed and downloads
// the workbook; property staff enter a repair without authorisation and are
// told why, then with the meeting's decision. Screenshots:
// /tmp/hongwu-meetings-*.png, /tmp/hongwu-ledger-*.png.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer, apiClient } = require('./harness.js')

const DESKTOP = [{ width: 1360, height: 860 }]
const PHONE = [{ width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]
const yuan = (fen) => {
  const abs = Math.abs(fen)
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(abs % 100).padStart(2, '0')}`
}

describe('deliberation and the ledger against hongwu serve', () => {
  let dir, server, base, accounts, chromium, api
  const resident = 'demo-resident' // 吕文娟, 紫薇花园 1幢
  const staff = 'demo-community-staff'
  const property = 'demo-property-staff'

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

  before(async () => {
    assert.ok(fs.existsSync(HONGWU_BIN), `no server binary at ${HONGWU_BIN} (build it, or set HONGWU_BIN)`)
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'no web/dist: run "cd web && npm ci && npm run build"')
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-meetings-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    for (const l of [resident, staff, property]) assert.ok(accounts[l], `demo printed no password for ${l}`)
    server = startServer(db)
    base = await server.url
    api = apiClient(base, accounts)
  })

  after(() => stopServer(server, dir))

  test('a resident raises a topic on the phone and talks it over', async () => {
    const title = `楼道灯常亮 ${Date.now()}`
    const r = await signIn(resident, PHONE)
    try {
      const page = r.page
      await page.goto(`${base}/topics`)
      await page.locator('[data-testid=topic-title] input').fill(title)
      await page.locator('[data-testid=topic-body] textarea').fill('1幢楼道灯白天也亮，建议换声控灯。')
      await page.locator('[data-testid=topic-submit]').click()
      await page.waitForURL(/\/topics\/\d+$/)
      assert.equal(await page.locator('[data-testid=topic-title]').innerText(), title)
      await page.locator('[data-testid=topic-comment-input] textarea').fill('物业说下周来看')
      await page.locator('[data-testid=topic-comment-send]').click()
      const comments = page.locator('[data-testid=topic-comment]')
      await comments.first().waitFor({ state: 'visible' })
      assert.match(await comments.first().innerText(), /吕文娟（我）[\s\S]*物业说下周来看/)
      const id = Number(page.url().split('/').pop())
      const saved = await all(resident, `/api/v1/topics/${id}/comments`)
      assert.deepEqual(saved.map((c) => c.body), ['物业说下周来看'])

      // The demo topic: the neighbours' names are masked for a resident.
      const demo = (await all(resident, '/api/v1/topics')).find((x) => x.title === '东门增设电动自行车充电棚')
      await page.goto(`${base}/topics/${demo.id}`)
      await comments.nth(2).waitFor({ state: 'visible' })
      const names = await page.locator('[data-testid=topic-comment] .who').allInnerTexts()
      assert.ok(names[0].startsWith('李*'), names.join(' | '))
      assert.ok(names[2].startsWith('吕文娟（我）'), names.join(' | '))
      await page.screenshot({ path: '/tmp/hongwu-meetings-topic.png', fullPage: true })
    } finally {
      await r.b.close()
    }
  })

  test('staff read the held meeting: decision and follow-up work order', async () => {
    const sewer = (await all(staff, '/api/v1/meetings')).find((m) => m.topic === '污水主管塌陷抢修协商会')
    const whole = await api(staff, 'GET', `/api/v1/meetings/${sewer.id}`)
    const s = await signIn(staff, DESKTOP)
    try {
      const page = s.page
      await page.goto(`${base}/meetings`)
      await page.locator('[data-testid=meetings-table] tr', { hasText: '污水主管塌陷抢修协商会' }).first().click()
      await page.waitForURL(new RegExp(`/meetings/${sewer.id}$`))
      assert.equal(await page.locator('[data-testid=meeting-title]').innerText(), '污水主管塌陷抢修协商会')
      assert.match(await page.locator('[data-testid=meeting-decisions]').innerText(), /公共收益/)
      const order = page.locator('[data-testid=meeting-task-order]')
      assert.match(await order.innerText(), new RegExp(whole.tasks[0].work_order.number))
      // Staff take the attendance: one tick a party, the absent owners' representative unticked.
      const parties = page.locator('[data-testid=meeting-parties] li')
      assert.equal(await parties.count(), whole.parties.length)
      assert.equal(await page.locator('[data-testid=meeting-parties] .el-checkbox.is-checked').count(), whole.parties.filter((x) => x.attended).length)
      assert.match(await parties.last().innerText(), /吕文娟（业主代表）/)
      await page.screenshot({ path: '/tmp/hongwu-meetings-meeting.png', fullPage: true })
    } finally {
      await s.b.close()
    }
  })

  test('an owner reads the month of the sewer spending and downloads it', async () => {
    const sewer = (await all(resident, '/api/v1/ledger/entries?category=repair')).find((e) => e.authorisation && e.authorisation.kind === 'decision')
    const month = sewer.date.slice(0, 7)
    const [compound] = await all(resident, '/api/v1/ledger/compounds')
    const statement = await api(resident, 'GET', `/api/v1/ledger/compounds/${compound.id}/statement?period=${month}`)
    const r = await signIn(resident, PHONE)
    try {
      const page = r.page
      await page.goto(`${base}/ledger/statement`)
      await page.locator('[data-testid=statement-figures]').waitFor({ state: 'visible' })
      await page.locator('[data-testid=statement-month]').fill(month)
      await page.locator('[data-testid=statement-entry]', { hasText: '污水主管' }).waitFor({ state: 'visible' })
      assert.equal(await page.locator('[data-testid=statement-closing]').innerText(), yuan(statement.closing_fen))
      assert.equal(await page.locator('[data-testid=statement-spending]').innerText(), yuan(statement.spending_fen))
      const entry = await page.locator('[data-testid=statement-entry]', { hasText: '污水主管' }).innerText()
      assert.match(entry, /-48,600\.00/)
      assert.match(entry, /污水主管塌陷抢修协商会/)
      await page.screenshot({ path: '/tmp/hongwu-ledger-statement.png', fullPage: true })
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=statement-download]').click()])
      assert.match(file.suggestedFilename(), new RegExp(`public-revenue-${compound.id}-${month}\\.xlsx`))
    } finally {
      await r.b.close()
    }
  })

  test('property staff are told a repair needs an authorisation, then cite the decision', async () => {
    const before = await all(property, '/api/v1/ledger/entries')
    const p = await signIn(property, DESKTOP)
    try {
      const page = p.page
      await page.goto(`${base}/ledger`)
      await page.locator('[data-testid=ledger-balance]').waitFor({ state: 'visible' })
      await page.locator('[data-testid=ledger-category]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '维修支出' }).click()
      await page.locator('input[data-testid=ledger-amount]').fill('320.5')
      await page.locator('input[data-testid=ledger-description]').fill('2幢单元门闭门器')
      await page.locator('[data-testid=ledger-enter]').click()
      await page.locator('.el-form-item__error', { hasText: '授权依据' }).waitFor({ state: 'visible' })
      assert.equal((await all(property, '/api/v1/ledger/entries')).length, before.length)
      await page.locator('[data-testid=ledger-decision]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '污水主管塌陷抢修协商会' }).click()
      await page.locator('[data-testid=ledger-enter]').click()
      await page.locator('[data-testid=ledger-entries-table] tr', { hasText: '2幢单元门闭门器' }).waitFor({ state: 'visible' })
      const after = await all(property, '/api/v1/ledger/entries')
      const made = after.find((e) => e.description === '2幢单元门闭门器')
      assert.equal(made.amount_fen, 32050)
      assert.equal(made.authorisation.kind, 'decision')
      await page.screenshot({ path: '/tmp/hongwu-ledger-entry.png', fullPage: true })
    } finally {
      await p.b.close()
    }
  })
})

// Browser test of owners' votes against the real server:
// `node --test tests/web/votes.test.js`. Same needs as the other files
// (a web build, build/hongwu or HONGWU_BIN, /usr/bin/chromium).
//
// On a phone, the demo's owner 吕文娟 (demo-resident, 1幢 101) opens the
// secret roof vote from her home page, sees participation against the
// two-thirds lines, votes yes, keeps the receipt code and checks it: her
// anonymous line says yes, with her home's area, and the server agrees.
// The tenant of 1幢 202 (demo-tenant) opens the same vote and is told, in
// words, that only an owner votes: no ballot form.
// The committee's page of the closed elevator vote shows the four
// conditions met. Screenshots: /tmp/hongwu-votes-*.png.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer, apiClient } = require('./harness.js')

const PHONE = [{ width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]
const DESKTOP = [{ width: 1360, height: 860 }]

describe('owners’ votes against hongwu serve', () => {
  let dir, server, base, accounts, chromium, api
  const owner = 'demo-resident'
  const committee = 'demo-owners-committee'
  const tenant = 'demo-tenant'

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
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'no web build: set HONGWU_WEB_DIST or build web/dist')
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-votes-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    for (const l of [owner, committee, tenant]) assert.ok(accounts[l], `demo printed no password for ${l}`)
    server = startServer(db)
    base = await server.url
    api = apiClient(base, accounts)
  })

  after(() => stopServer(server, dir))

  test('an owner votes on a phone, keeps the receipt and checks it', async () => {
    const open = (await api(owner, 'GET', '/api/v1/votes?status=open')).items
    assert.equal(open.length, 1, JSON.stringify(open.map((v) => v.title)))
    const vote = open[0]
    const before = vote.participation

    let receipt
    const o = await signIn(owner, PHONE)
    try {
      const page = o.page
      await page.locator('[data-testid=home-vote-link]').first().click()
      await page.waitForURL(new RegExp(`/votes/${vote.id}$`))
      assert.equal((await page.locator('[data-testid=vote-title]').innerText()).trim(), vote.title)
      assert.equal(await page.locator('[data-testid=vote-page]').getAttribute('data-status'), 'open')
      // Participation against the 2/3 lines: 2 of 6 owners so far, short of the line.
      const heads = page.locator('[data-testid=vote-gauge-heads]')
      assert.match(await heads.innerText(), new RegExp(`${before.heads} / ${vote.electorate.heads}`))
      assert.equal(await heads.getAttribute('data-reached'), 'false')
      // Her own head: the home she owns, her name whole.
      assert.match(await page.locator('[data-testid=vote-own-head]').innerText(), /101[\s\S]*吕文娟/)
      await page.screenshot({ path: '/tmp/hongwu-votes-phone-open.png', fullPage: true })

      // ---- the ballot, confirmed once ----
      await page.locator('[data-testid=vote-choice-yes]').click()
      await page.locator('[data-testid=vote-cast]').click()
      await page.locator('.van-dialog__confirm').click()
      const code = page.locator('[data-testid=vote-receipt-code]')
      await code.waitFor({ state: 'visible' })
      receipt = await code.inputValue()
      assert.match(receipt, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
      await page.locator('[data-testid=vote-receipt-copy]').click()
      await page.locator('[data-testid=vote-receipt-copy]', { hasText: '已复制' }).waitFor()
      await page.screenshot({ path: '/tmp/hongwu-votes-phone-receipt.png', fullPage: true })

      // ---- checking the receipt, typed carelessly ----
      await page.locator('[data-testid=vote-receipt-input]').fill(receipt.toLowerCase().replace(/-/g, ' '))
      await page.locator('[data-testid=vote-receipt-submit]').click()
      const answer = page.locator('[data-testid=vote-receipt-answer]')
      await answer.waitFor({ state: 'visible' })
      assert.equal(await answer.getAttribute('data-found'), 'true')
      assert.equal((await page.locator('[data-testid=vote-receipt-choice]').innerText()).trim(), '同意')
      assert.match(await answer.innerText(), /89\.57 m²/)
      await page.screenshot({ path: '/tmp/hongwu-votes-phone-checked.png', fullPage: true })
    } finally {
      await o.b.close()
    }

    // The server counted it once, and the code finds the same line through the API.
    const now = await api(owner, 'GET', `/api/v1/votes/${vote.id}`)
    assert.equal(now.participation.heads, before.heads + 1)
    const check = await api(owner, 'POST', `/api/v1/votes/${vote.id}/receipt`, { code: receipt })
    assert.equal(check.found, true)
    assert.equal(check.line.choice, 'yes')
    assert.equal(check.line.area_cm2, 895700)
  })

  test('a tenant follows the vote on a phone but is told only an owner votes', async () => {
    const vote = (await api(tenant, 'GET', '/api/v1/votes?status=open')).items[0]
    assert.ok(vote, 'the tenant reaches the open vote')
    const o = await signIn(tenant, PHONE)
    try {
      const page = o.page
      await page.goto(`${base}/votes/${vote.id}`)
      const voter = page.locator('[data-testid=vote-voter]')
      await voter.waitFor({ state: 'visible' })
      assert.equal(await voter.getAttribute('data-standing'), 'not_owner')
      assert.match(await page.locator('[data-testid=vote-not-owner]').innerText(), /只有业主可以在线投票/)
      assert.equal(await page.locator('[data-testid=vote-cast]').count(), 0)
      await page.screenshot({ path: '/tmp/hongwu-votes-phone-tenant.png', fullPage: true })
    } finally {
      await o.b.close()
    }
  })

  test("the committee reads the elevator vote's result condition by condition", async () => {
    const all = (await api(committee, 'GET', '/api/v1/votes?status=final')).items
    const elevator = all.find((v) => v.title === '6幢加装电梯')
    assert.ok(elevator, JSON.stringify(all.map((v) => v.title)))
    const c = await signIn(committee, DESKTOP)
    try {
      const page = c.page
      await page.goto(`${base}/votes/${elevator.id}`)
      await page.locator('[data-testid=vote-result]').waitFor({ state: 'visible' })
      for (const name of ['turnout_area', 'turnout_heads', 'approval_area', 'approval_heads'])
        assert.equal(await page.locator(`[data-testid=vote-condition-${name}]`).getAttribute('data-met'), 'true', name)
      assert.match(await page.locator('[data-testid=vote-verdict]').innerText(), /最终结果：\s*表决通过/)
      const rows = page.locator('[data-testid=vote-ballot-row]')
      await rows.first().waitFor({ state: 'visible' })
      assert.equal(await rows.count(), 7)
      await page.screenshot({ path: '/tmp/hongwu-votes-result.png', fullPage: true })
    } finally {
      await c.b.close()
    }
  })
})

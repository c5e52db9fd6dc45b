// Browser test of the list component (web/src/kit/ListPage.vue) in both of its
// drawings: the console table and the phone list. `node --test tests/web/`;
// same needs as login.test.js. Before the pages are opened, 50 residents are
// added (through the API) to a dwelling in the grid worker's grid, so the
// resident lists of both users run past their first page (30), and the audit
// log past its first (50).
// Screenshots: /tmp/hongwu-list-*.png.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer } = require('./harness.js')

const DESKTOP = { width: 1280, height: 800 }
const PHONE = [{ width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]
const ADDED = 50
const PAGE = 30 // the residents list's page size (web/src/capabilities/registry/lists/residents.js)

// Polls fn until it returns true (or a non-false value), for counts that
// settle after a request.
async function until(fn, what, timeout = 15000) {
  const end = Date.now() + timeout
  let last
  while (Date.now() < end) {
    last = await fn()
    if (last) return last
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`)
}

describe('list pages (console and phone) against hongwu serve', () => {
  let dir, server, base, accounts, chromium
  const staffLogin = 'demo-community-staff'
  const workerLogin = 'demo-grid-worker'
  const propertyLogin = 'demo-property-staff'
  const tokens = {}
  let dwelling // the dwelling the added residents live in
  let building // its building
  let buildingPath // the places above it, from the community down, and it

  async function apiCall(login, method, url, body) {
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
      headers: { Authorization: `Bearer ${tokens[login]}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    assert.ok(res.ok, `${method} ${url} as ${login}: ${res.status}`)
    return res.json()
  }
  const apiGet = (login, url) => apiCall(login, 'GET', url)

  // Every page of a list, as the API answers it.
  async function apiAll(login, url) {
    const out = []
    let after
    for (;;) {
      const sep = url.includes('?') ? '&' : '?'
      const data = await apiGet(login, `${url}${sep}limit=100${after ? `&after=${after}` : ''}`)
      out.push(...data.items)
      if (data.next_after == null) return out
      after = data.next_after
    }
  }

  before(async () => {
    assert.ok(fs.existsSync(HONGWU_BIN), `no server binary at ${HONGWU_BIN} (build it, or set HONGWU_BIN)`)
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'no web/dist: run "cd web && npm ci && npm run build"')
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-list-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    for (const l of [staffLogin, workerLogin, propertyLogin, 'demo-admin']) assert.ok(accounts[l], `demo printed no password for ${l}`)
    server = startServer(db)
    base = await server.url

    // A dwelling the grid worker sees (community staff see it too), and the
    // places above it, for the place filters.
    const first = (await apiGet(workerLogin, '/api/v1/residents?limit=1')).items[0]
    dwelling = await apiGet(staffLogin, `/api/v1/places/${first.dwellings[0].id}`)
    let p = dwelling
    const up = []
    while (p.parent_id && p.kind !== 'community') {
      p = await apiGet(staffLogin, `/api/v1/places/${p.parent_id}`)
      up.unshift(p)
    }
    building = up.find((x) => x.kind === 'building')
    buildingPath = up.slice(0, up.indexOf(building) + 1)
    for (let i = 1; i <= ADDED; i++)
      await apiCall(staffLogin, 'POST', '/api/v1/residents', { name: `列测${String(i).padStart(2, '0')}`, dwelling_id: dwelling.id, relation: 'tenant' })
  })

  after(() => stopServer(server, dir))

  test('console, community staff: paging, text / tag / place filters, empty, 422 next to its filter, a 503', async () => {
    const all = await apiAll(staffLogin, '/api/v1/residents')
    assert.ok(all.length > PAGE, `more residents than one page (${all.length})`)
    const b = await launch(chromium, DESKTOP)
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, staffLogin, accounts[staffLogin])
      await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
      await page.locator('[data-testid=nav-residents]').click()
      await page.waitForURL(/\/residents$/)

      const list = page.locator('[data-testid=residents]')
      const rows = page.locator('[data-testid=residents-table] .el-table__body-wrapper tr.el-table__row')
      const more = page.locator('[data-testid=residents-more]')
      const names = async () => (await rows.locator('td:first-child').allInnerTexts()).map((s) => s.replace(/党员/, '').trim())

      // The first page, then "load more" until the list is whole.
      await until(async () => (await rows.count()) === PAGE, 'the first page')
      assert.deepEqual(await names(), all.slice(0, PAGE).map((r) => r.name))
      while (await more.isVisible()) {
        const n = await rows.count()
        await more.click()
        await until(async () => (await rows.count()) > n, 'the next page')
      }
      assert.deepEqual(await names(), all.map((r) => r.name))

      // Text filter: kept in the address; only matching names.
      await list.locator('input[data-testid=residents-search]').fill('列测0')
      await list.locator('input[data-testid=residents-search]').press('Enter')
      await page.waitForURL(/q=/)
      await until(async () => (await rows.count()) === 9, 'nine names 列测01–09')
      for (const n of await names()) assert.match(n, /^列测0\d$/)
      await list.locator('input[data-testid=residents-search]').fill('')
      await list.locator('input[data-testid=residents-search]').press('Enter')
      await until(async () => (await rows.count()) === PAGE, 'the first page again')

      // Tag filter: the rows the API gives for that tag.
      const tagged = await apiAll(staffLogin, '/api/v1/residents?tag=living_alone')
      assert.ok(tagged.length > 0, 'someone lives alone')
      await list.locator('[data-testid=residents-tag]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '独居' }).click()
      await page.waitForURL(/tag=living_alone/)
      await until(async () => JSON.stringify(await names()) === JSON.stringify(tagged.map((r) => r.name)), 'the residents living alone')
      await list.locator('[data-testid=residents-tag]').hover()
      await list.locator('[data-filter=tag] .el-select__clear').click()
      await page.waitForURL((u) => !/tag=/.test(u.search))

      // Place filter: a building picked in the tree, which starts at the staff's scope.
      const inBuilding = await apiAll(staffLogin, `/api/v1/residents?building_id=${building.id}`)
      const rootIds = (await apiGet(staffLogin, '/api/v1/places')).items.map((p) => p.id)
      const down = buildingPath.slice(buildingPath.findIndex((p) => rootIds.includes(p.id)))
      await list.locator('[data-testid=residents-place]').click()
      const dropdown = page.locator('.el-tree-select__popper:visible, .el-select__popper:visible').last()
      for (const p of down.slice(0, -1))
        await dropdown.locator('.el-tree-node__content', { hasText: p.name }).first().locator('.el-tree-node__expand-icon').click()
      await dropdown.locator('.el-tree-node__content', { hasText: building.name }).last().click()
      await page.waitForURL(new RegExp(`building_id=${building.id}`))
      await until(async () => (await rows.count()) === Math.min(PAGE, inBuilding.length), 'the building’s residents')
      assert.deepEqual(await names(), inBuilding.slice(0, PAGE).map((r) => r.name))
      await page.screenshot({ path: '/tmp/hongwu-list-console-filtered.png' })

      // A dwelling from a link shows as a chip; the rows are its residents.
      const inDwelling = await apiAll(staffLogin, `/api/v1/residents?dwelling_id=${dwelling.id}`)
      await page.goto(`${base}/residents?dwelling_id=${dwelling.id}`)
      await list.locator('[data-filter=place] .el-tag').getByText(/房屋/).waitFor()
      await until(async () => (await rows.count()) === Math.min(PAGE, inDwelling.length), 'the dwelling’s residents')

      // Empty state.
      await page.goto(`${base}/residents?q=${encodeURIComponent('没有这个人')}`)
      await page.locator('[data-testid=residents-table] .el-table__empty-text').getByText('暂无数据').waitFor()
      assert.equal(await rows.count(), 0)

      // A 422 on q: the server's message next to the search box, the title above the table.
      await list.locator('input[data-testid=residents-search]').fill('名'.repeat(70))
      await list.locator('input[data-testid=residents-search]').press('Enter')
      const qError = list.locator('[data-filter=q] .hw-filter-error')
      await qError.waitFor({ state: 'visible' })
      assert.match(await qError.innerText(), /64/)
      assert.match(await page.locator('[data-testid=residents-error]').innerText(), /输入有误/)
      assert.equal(await list.locator('[data-filter=tag] .hw-filter-error').count(), 0, 'only the filter at fault is marked')
      await page.screenshot({ path: '/tmp/hongwu-list-console-422.png' })

      // A problem without fields (503 with Retry-After): its title, wait and detail.
      await page.route(/\/api\/v1\/residents\?/, (route) =>
        route.fulfill({
          status: 503,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' },
          body: JSON.stringify({ type: 'urn:hongwu:problem:unavailable', title: '服务暂时不可用', status: 503, detail: '数据库正忙' }),
        }),
      )
      await page.goto(`${base}/residents`)
      const alert = page.locator('[data-testid=residents-error]')
      await alert.waitFor({ state: 'visible' })
      const alertText = await alert.innerText()
      assert.match(alertText, /服务暂时不可用/)
      assert.match(alertText, /7 秒/)
      assert.match(alertText, /数据库正忙/)
      await page.unroute(/\/api\/v1\/residents\?/)
      await list.locator('[data-testid=residents-apply]').click()
      await until(async () => (await rows.count()) === PAGE, 'the list after the retry')
      assert.equal(await alert.count(), 0)
    } finally {
      await b.close()
    }
  })

  test('phone, grid worker: infinite scroll, search, tag and place filters, empty', async () => {
    const all = await apiAll(workerLogin, '/api/v1/residents')
    assert.ok(all.length > PAGE, `more residents than one page (${all.length})`)
    const b = await launch(chromium, ...PHONE)
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, workerLogin, accounts[workerLogin])
      await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
      await page.locator('.van-tabbar [data-testid=nav-residents]').click()
      await page.waitForURL(/\/residents$/)

      const list = page.locator('[data-testid=residents]')
      const rows = page.locator('[data-testid=resident-row]')
      const names = async () => (await rows.locator('.row-title').allInnerTexts()).map((s) => s.trim())

      // The first page; scrolling to the end brings the rest, then "no more".
      await until(async () => (await rows.count()) === PAGE, 'the first page')
      await page.screenshot({ path: '/tmp/hongwu-list-phone.png' })
      await until(async () => {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
        return (await rows.count()) === all.length
      }, 'every resident after scrolling')
      assert.deepEqual(await names(), all.map((r) => r.name))
      await list.locator('[data-testid=residents-list]').getByText('没有更多了').waitFor()

      // Search.
      await list.locator('[data-testid=residents-search] input').fill('列测3')
      await list.locator('[data-testid=residents-search] input').press('Enter')
      await page.waitForURL(/q=/)
      const thirties = all.map((r) => r.name).filter((n) => /^列测3\d$/.test(n))
      assert.equal(thirties.length, 10)
      await until(async () => JSON.stringify(await names()) === JSON.stringify(thirties), '列测30–39')
      await list.locator('[data-testid=residents-search] input').fill('')
      await list.locator('[data-testid=residents-search] input').press('Enter')
      await until(async () => (await rows.count()) === PAGE, 'the first page again')

      // Tag, from the dropdown bar.
      const tagged = await apiAll(workerLogin, '/api/v1/residents?tag=aged_80_plus')
      await list.locator('.van-dropdown-menu__item').first().click()
      await page.locator('.van-dropdown-item__option:visible', { hasText: '80岁以上高龄' }).click()
      await page.waitForURL(/tag=aged_80_plus/)
      await until(async () => JSON.stringify(await names()) === JSON.stringify(tagged.map((r) => r.name)), 'the residents aged 80+')
      await list.locator('.van-dropdown-menu__item').first().click()
      await page.locator('.van-dropdown-item__option:visible').first().click()
      await page.waitForURL((u) => !/tag=/.test(u.search))

      // Place: down the sheet from the grid (their scope root) to the building, "choose".
      const inBuilding = await apiAll(workerLogin, `/api/v1/residents?building_id=${building.id}`)
      const grid = (await apiGet(workerLogin, '/api/v1/places')).items[0]
      const inGrid = (await apiGet(workerLogin, `/api/v1/places?parent_id=${grid.id}`)).items.filter((p) => !['grid', 'micro_grid', 'zone'].includes(p.kind))
      const at = inGrid.findIndex((p) => p.id === building.id)
      assert.ok(at >= 0, 'the building is drawn into the grid')
      await list.locator('[data-testid=residents-place]').click()
      const sheet = page.locator('[data-testid=residents-place-sheet]')
      await sheet.waitFor({ state: 'visible' })
      await sheet.locator('[data-testid=place-option]', { hasText: grid.name }).click()
      await until(async () => (await sheet.locator('[data-testid=place-option]').count()) === inGrid.length, 'the grid’s buildings')
      await sheet.locator('[data-testid=place-option]').nth(at).locator('button').click()
      await page.waitForURL(new RegExp(`building_id=${building.id}`))
      await list.locator('[data-filter=place] .van-tag').getByText(building.name).waitFor()
      await until(async () => (await rows.count()) === Math.min(PAGE, inBuilding.length), 'the building’s residents')
      await page.screenshot({ path: '/tmp/hongwu-list-phone-filtered.png' })
      await list.locator('[data-filter=place] .van-tag__close').click()
      await page.waitForURL((u) => !/building_id=/.test(u.search))

      // Empty state.
      await list.locator('[data-testid=residents-search] input').fill('没有这个人')
      await list.locator('[data-testid=residents-search] input').press('Enter')
      await list.locator('[data-testid=residents-empty]').waitFor({ state: 'visible' })
      assert.equal(await rows.count(), 0)
    } finally {
      await b.close()
    }
  })

  test('phone, property staff: a number search answers 422, shown under the search box', async () => {
    const b = await launch(chromium, ...PHONE)
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, propertyLogin, accounts[propertyLogin])
      await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
      await page.goto(`${base}/residents`)
      const list = page.locator('[data-testid=residents]')
      await page.locator('[data-testid=resident-row]').first().waitFor()
      await list.locator('[data-testid=residents-search] input').fill('13805110012')
      await list.locator('[data-testid=residents-search] input').press('Enter')
      const qError = list.locator('[data-filter=q] .hw-filter-error')
      await qError.waitFor({ state: 'visible' })
      assert.match(await qError.innerText(), /姓名/, 'the server says to search by name')
      await list.locator('[data-testid=residents-error]').waitFor({ state: 'visible' })
      assert.equal(await page.locator('[data-testid=resident-row]').count(), 0)
      await page.screenshot({ path: '/tmp/hongwu-list-phone-422.png' })
    } finally {
      await b.close()
    }
  })

  test('console, admin: audit log and sensitive reads page past 50; a 422 on a filter; the subject filter', async () => {
    const b = await launch(chromium, DESKTOP)
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, 'demo-admin', accounts['demo-admin'])
      await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
      const log = await apiAll('demo-admin', '/api/v1/audit')
      assert.ok(log.length > 50, `the audit log holds more than one page (${log.length})`)

      await page.locator('[data-testid=nav-audit]').click()
      await page.waitForURL(/\/audit$/)
      const auditRows = page.locator('[data-testid=audit-table] .el-table__body-wrapper tr.el-table__row')
      await until(async () => (await auditRows.count()) === 50, 'the first page of the log')
      await page.locator('[data-testid=audit-more]').click()
      await until(async () => (await auditRows.count()) === Math.min(100, log.length), 'the second page of the log')

      // Sensitive reads: the staff's list reads above were logged.
      const reads = await apiAll('demo-admin', '/api/v1/audit/sensitive-reads')
      assert.ok(reads.length > 50, `more than one page of sensitive reads (${reads.length})`)
      await page.locator('.el-tabs__item', { hasText: '敏感信息查看' }).click()
      const pane = page.locator('.el-tab-pane:visible')
      const rows = pane.locator('[data-testid=sensitive-reads-table] .el-table__body-wrapper tr.el-table__row')
      await until(async () => (await rows.count()) === 50, 'the first page of sensitive reads')
      await pane.locator('[data-testid=sensitive-reads-more]').click()
      await until(async () => (await rows.count()) === Math.min(100, reads.length), 'the second page')

      // A reader id that is not a number: 422 on user_id, under that filter.
      await pane.locator('input[data-testid=sensitive-reads-user_id]').fill('abc')
      await pane.locator('input[data-testid=sensitive-reads-user_id]').press('Enter')
      const err = pane.locator('[data-filter=user_id] .hw-filter-error')
      await err.waitFor({ state: 'visible' })
      assert.match(await err.innerText(), /[\u4e00-\u9fff]/)
      assert.equal(await pane.locator('[data-filter=subject_id] .hw-filter-error').count(), 0)
      await page.screenshot({ path: '/tmp/hongwu-list-console-reads-422.png' })

      // A good reader id and the subject filter: only the staff's reads of residents.
      const staffUser = (await apiGet(staffLogin, '/api/v1/auth/me')).user
      const staffId = staffUser.id
      const want = await apiAll('demo-admin', `/api/v1/audit/sensitive-reads?subject=resident&user_id=${staffId}`)
      await pane.locator('input[data-testid=sensitive-reads-user_id]').fill(String(staffId))
      await pane.locator('input[data-testid=sensitive-reads-user_id]').press('Enter')
      await pane.locator('[data-testid=sensitive-reads-subject]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '居民' }).click()
      await until(async () => (await rows.count()) === Math.min(50, want.length) && (await err.count()) === 0, 'the staff’s reads')
      for (const text of await rows.allInnerTexts()) assert.ok(text.includes(staffUser.name), text)
    } finally {
      await b.close()
    }
  })
})

// Browser test of the registry's everyday tasks, as the people who do them see
// the pages: tags drawn as chips (not bare words running together) in the
// residents list and a dwelling's residents; a resident's household with a
// link to the dwelling; the 楼盘表 and its summary after a person is added from
// it; a search by part of a phone number with the total; the cascading
// 楼栋 → 单元 → 房号 filters, an empty result that names them and clears them.
// Console (community staff) and phone (grid worker). `node --test
// tests/web/registry_tasks.test.js`; same needs as login.test.js.
// Screenshots: /tmp/hongwu-tasks-*.png.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer } = require('./harness.js')

const DESKTOP = { width: 1400, height: 900 }
const PHONE = [{ width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]

// Polls fn until it returns a true value.
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

// Each tag of `codes` is drawn inside `scope` as a chip of the UI kit (`cls`:
// el-tag or van-tag): an element of that class with a border and padding,
// its own box, beside the next one and not overlapping it.
async function assertChips(scope, codes, cls) {
  const boxes = []
  for (const code of codes) {
    const chip = scope.locator(`[data-tag="${code}"]`)
    await chip.first().waitFor({ state: 'visible' })
    const look = await chip.first().evaluate((el) => {
      const s = getComputedStyle(el)
      // Vant draws a plain tag's border on its ::before.
      const border = (st) => (st.borderTopStyle !== 'none' ? parseFloat(st.borderTopWidth) || 0 : 0)
      return {
        classes: [...el.classList],
        tag: el.tagName.toLowerCase(),
        border: Math.max(border(s), border(getComputedStyle(el, '::before'))),
        padding: parseFloat(s.paddingLeft) + parseFloat(s.paddingRight),
        display: s.display,
      }
    })
    assert.ok(look.classes.includes(cls), `tag ${code} is a ${cls}: ${JSON.stringify(look)}`)
    assert.notEqual(look.tag, cls, `tag ${code} is a rendered component, not an unknown <${cls}> element`)
    assert.ok(look.padding > 0, `tag ${code} has padding: ${JSON.stringify(look)}`)
    assert.ok(look.border > 0, `tag ${code} has a border: ${JSON.stringify(look)}`)
    assert.notEqual(look.display, 'inline', `tag ${code} is a box: ${JSON.stringify(look)}`)
    const box = await chip.first().boundingBox()
    assert.ok(box && box.width > 0 && box.height >= 14, `tag ${code} has a box: ${JSON.stringify(box)}`)
    boxes.push(box)
  }
  // Chips side by side do not run into each other.
  for (let i = 1; i < boxes.length; i++) {
    const a = boxes[i - 1]
    const b = boxes[i]
    const apart = a.x + a.width <= b.x + 0.5 || b.y >= a.y + a.height - 0.5
    assert.ok(apart, `chips ${codes[i - 1]} and ${codes[i]} overlap: ${JSON.stringify([a, b])}`)
  }
}

describe('registry tasks against hongwu serve', () => {
  let dir, server, base, accounts, chromium
  const staffLogin = 'demo-community-staff'
  const workerLogin = 'demo-grid-worker'
  const tokens = {}

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
  const everyone = async (login, params = '') => (await apiGet(login, `/api/v1/residents?limit=200${params}`)).items

  // What the worker and staff both see: someone with two tags or more, a
  // dwelling of two people or more, and in its building an entrance with an
  // empty room (made in before()), from the API.
  async function scene(login) {
    const all = await everyone(login)
    const tagged = all.find((r) => r.tags.length >= 2)
    assert.ok(tagged, `someone with two tags visible to ${login}`)
    const byDwelling = new Map()
    for (const r of all) for (const d of r.dwellings) byDwelling.set(d.id, [...(byDwelling.get(d.id) || []), r])
    const [homeId, household] = [...byDwelling.entries()].find(([, people]) => people.length >= 2)
    // A resident's occupancies name each home's building.
    const home = (await apiGet(login, `/api/v1/residents/${household[0].id}`)).occupancies.find((o) => o.dwelling_id === homeId)
    home.id = homeId
    const taggedHome = (await apiGet(login, `/api/v1/residents/${tagged.id}`)).occupancies.find((o) => !o.moved_out)
    taggedHome.id = taggedHome.dwelling_id
    const elevation = await apiGet(login, `/api/v1/places/${home.building_id}/elevation`)
    let empty = null
    for (const e of elevation.entrances)
      for (const f of e.floors) for (const d of f.dwellings) if (!empty && d.residents === 0) empty = { entrance: e, dwelling: d }
    assert.ok(empty, 'an empty dwelling in the building')
    const building = await apiGet(login, `/api/v1/places/${home.building_id}`)
    return { all, tagged, taggedHome, home, household, elevation, empty, building }
  }

  before(async () => {
    assert.ok(fs.existsSync(HONGWU_BIN), `no server binary at ${HONGWU_BIN} (build it, or set HONGWU_BIN)`)
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'no web/dist: run "cd web && npm ci && npm run build"')
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-tasks-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    for (const l of [staffLogin, workerLogin]) assert.ok(accounts[l], `demo printed no password for ${l}`)
    server = startServer(db)
    base = await server.url
    // An empty room beside the first household of the worker's grid, for
    // the cascading filters to find nobody in.
    const first = (await apiGet(workerLogin, '/api/v1/residents?limit=1')).items[0]
    const entrance = (await apiGet(staffLogin, `/api/v1/places/${first.dwellings[0].id}`)).parent_id
    await apiCall(staffLogin, 'POST', '/api/v1/places', { kind: 'dwelling', name: '908', parent_id: entrance, floor: 9 })
  })

  after(() => stopServer(server, dir))

  test('console, community staff: chips, total, partial phone, cascading filters, household, 楼盘表 after an add', async () => {
    const s = await scene(staffLogin)
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
      const names = async () => (await rows.locator('td:first-child').allInnerTexts()).map((x) => x.replace(/党员/, '').trim())

      // The total, as the server counts it.
      const total = (await apiGet(staffLogin, '/api/v1/residents?count=1&limit=1')).total
      assert.equal((await list.locator('[data-testid=residents-total]').innerText()).trim(), `共 ${total} 人`)

      // Tags are chips, each its own box.
      const row = rows.filter({ hasText: s.tagged.name }).first()
      await row.waitFor()
      await assertChips(row, s.tagged.tags, 'el-tag')
      await page.screenshot({ path: '/tmp/hongwu-tasks-chips.png' })

      // Part of a phone number: the rows the server finds, and the total follows.
      const someone = s.all.find((r) => r.phone)
      const piece = someone.phone.slice(3, 7)
      const found = await everyone(staffLogin, `&q=${piece}`)
      assert.ok(found.some((r) => r.id === someone.id))
      await list.locator('input[data-testid=residents-search]').fill(piece)
      await list.locator('input[data-testid=residents-search]').press('Enter')
      await page.waitForURL(new RegExp(`q=${piece}`))
      await until(async () => JSON.stringify(await names()) === JSON.stringify(found.map((r) => r.name)), 'the residents with those digits')
      await until(async () => (await list.locator('[data-testid=residents-total]').innerText()).trim() === `共 ${found.length} 人`, 'the total of the search')

      // 楼栋 → 单元 → 房号: a building from the address offers its entrances,
      // an entrance its rooms; an empty room says which filters are on.
      await page.goto(`${base}/residents?building_id=${s.building.id}`)
      const entrance = list.locator('[data-filter=entrance]')
      const room = list.locator('[data-filter=room]')
      await entrance.waitFor({ state: 'visible' })
      assert.equal(await room.isVisible(), false, 'no rooms before an entrance')
      await entrance.locator('[data-testid=residents-entrance]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: s.empty.entrance.name }).click()
      await page.waitForURL(new RegExp(`entrance_id=${s.empty.entrance.id}`))
      await room.waitFor({ state: 'visible' })
      await room.locator('[data-testid=residents-room]').click()
      await page.locator('.el-select-dropdown__item:visible').getByText(s.empty.dwelling.name, { exact: true }).click()
      await page.waitForURL(new RegExp(`dwelling_id=${s.empty.dwelling.id}`))
      const filtersOn = list.locator('[data-testid=residents-filters-on]')
      await filtersOn.waitFor({ state: 'visible' })
      const said = await filtersOn.innerText()
      for (const words of [s.building.name, `单元：${s.empty.entrance.name}`, `房号：${s.empty.dwelling.name}`]) assert.ok(said.includes(words), `"${said}" names ${words}`)
      assert.equal(await rows.count(), 0)
      await page.screenshot({ path: '/tmp/hongwu-tasks-empty.png' })
      await list.locator('[data-testid=residents-clear-filters]').click()
      await page.waitForURL((u) => !/building_id=|entrance_id=|dwelling_id=/.test(u.search))
      await until(async () => (await rows.count()) === Math.min(30, s.all.length), 'every resident again')
      assert.equal(await entrance.isVisible(), false, 'the entrance filter left with its building')

      // A resident's household: the people of their home, and a link to it.
      const [me, ...others] = s.household
      await page.goto(`${base}/residents/${me.id}`)
      const household = page.locator('[data-testid=resident-household]')
      const home = household.locator('[data-testid=household-dwelling]').filter({ hasText: s.home.label })
      for (const r of s.household) await home.locator('[data-testid=household-table]').getByText(r.name, { exact: true }).first().waitFor()
      assert.ok(others.length >= 1)
      await page.screenshot({ path: '/tmp/hongwu-tasks-household.png' })
      await home.locator('[data-testid=household-dwelling-link]').click()
      await page.waitForURL(new RegExp(`/places/${s.home.building_id}/elevation\\?dwelling=${s.home.id}`))
      const drawer = page.locator('.el-drawer [data-testid=dwelling-residents-table]')
      for (const r of s.household) await drawer.getByText(r.name, { exact: true }).first().waitFor()

      // Adding a person from the dwelling: its residents, its cell and the
      // building's summary follow at once.
      const cell = page.locator(`[data-testid=elevation-cell][data-dwelling="${s.home.id}"]`)
      const stats = page.locator('[data-testid=elevation-stats]')
      const people = s.household.length
      const inBuilding = s.elevation.entrances.flatMap((e) => e.floors.flatMap((f) => f.dwellings)).reduce((n, d) => n + d.residents, 0)
      assert.equal((await cell.locator('.cell-people').innerText()).trim(), `${people} 人`)
      assert.match(await stats.innerText(), new RegExp(`，${inBuilding} 人`))
      await page.locator('.el-drawer [data-testid=dwelling-add-resident]').click()
      const form = page.locator('[data-testid=resident-form]')
      await form.waitFor({ state: 'visible' })
      await form.locator('input[data-testid=resident-name]').fill('新来的住户')
      await form.locator('[data-testid=resident-relation]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '租户' }).click()
      await page.locator('[data-testid=resident-save]').click()
      await drawer.getByText('新来的住户', { exact: true }).first().waitFor()
      await until(async () => (await cell.locator('.cell-people').innerText()).trim() === `${people + 1} 人`, `the cell saying ${people + 1} 人`)
      await until(async () => (await stats.innerText()).includes(`，${inBuilding + 1} 人`), 'the summary counting the new person')
      await page.screenshot({ path: '/tmp/hongwu-tasks-added.png' })

      // A dwelling's residents draw their tags as chips too.
      const taggedHome = s.taggedHome
      await page.goto(`${base}/places/${taggedHome.building_id}/elevation?dwelling=${taggedHome.id}`)
      const taggedRow = page.locator('.el-drawer [data-testid=dwelling-residents-table] tr', { hasText: s.tagged.name }).first()
      await taggedRow.waitFor()
      await assertChips(taggedRow, s.tagged.tags, 'el-tag')
    } finally {
      await b.close()
    }
  })

  test('phone, grid worker: chips, partial phone, cascading filters and clear, household, a dwelling’s chips', async () => {
    const s = await scene(workerLogin)
    const b = await launch(chromium, ...PHONE)
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, workerLogin, accounts[workerLogin])
      await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
      await page.goto(`${base}/residents`)
      const list = page.locator('[data-testid=residents]')
      const rows = page.locator('[data-testid=resident-row]')
      const names = async () => (await rows.locator('.row-title').allInnerTexts()).map((x) => x.trim())

      await until(async () => (await list.locator('[data-testid=residents-total]').innerText().catch(() => '')).trim() === `共 ${s.all.length} 人`, 'the total')
      const row = rows.filter({ hasText: s.tagged.name }).first()
      await row.waitFor()
      await assertChips(row, s.tagged.tags, 'van-tag')
      await page.screenshot({ path: '/tmp/hongwu-tasks-phone-chips.png' })

      // Part of a phone number.
      const someone = s.all.find((r) => r.phone)
      const piece = someone.phone.slice(-4)
      const found = await everyone(workerLogin, `&q=${piece}`)
      await list.locator('[data-testid=residents-search] input').fill(piece)
      await list.locator('[data-testid=residents-search] input').press('Enter')
      await until(async () => JSON.stringify(await names()) === JSON.stringify(found.map((r) => r.name)), 'the residents with those digits')

      // 楼栋 → 单元 → 房号 in the dropdown bar; an empty room, then clear.
      await page.goto(`${base}/residents?building_id=${s.building.id}`)
      const menu = list.locator('.van-dropdown-menu__item')
      await until(async () => (await menu.count()) === 2, 'the entrance in the dropdown bar')
      await menu.nth(1).click()
      await page.locator('.van-dropdown-item__option:visible', { hasText: s.empty.entrance.name }).click()
      await page.waitForURL(new RegExp(`entrance_id=${s.empty.entrance.id}`))
      await until(async () => (await menu.count()) === 3, 'the room in the dropdown bar')
      await menu.nth(2).click()
      await page.locator('.van-dropdown-item__option:visible').getByText(s.empty.dwelling.name, { exact: true }).click()
      await page.waitForURL(new RegExp(`dwelling_id=${s.empty.dwelling.id}`))
      const filtersOn = list.locator('[data-testid=residents-filters-on]')
      await filtersOn.waitFor({ state: 'visible' })
      const said = await filtersOn.innerText()
      for (const words of [s.building.name, `单元：${s.empty.entrance.name}`, `房号：${s.empty.dwelling.name}`]) assert.ok(said.includes(words), `"${said}" names ${words}`)
      await page.screenshot({ path: '/tmp/hongwu-tasks-phone-empty.png' })
      await list.locator('[data-testid=residents-clear-filters]').click()
      await page.waitForURL((u) => !/building_id=|entrance_id=|dwelling_id=/.test(u.search))
      await until(async () => (await rows.count()) === s.all.length, 'every resident again')
      assert.equal(await menu.count(), 1, 'only the tag left in the dropdown bar')

      // The household on a resident's page.
      const [me] = s.household
      await page.goto(`${base}/residents/${me.id}`)
      const home = page.locator('[data-testid=resident-household] [data-testid=household-dwelling]').filter({ hasText: s.home.label })
      for (const r of s.household) await home.locator('[data-testid=household-row]', { hasText: r.name }).first().waitFor()
      assert.match(await home.locator('[data-testid=household-dwelling-link]').getAttribute('href'), new RegExp(`/places/${s.home.building_id}/elevation\\?dwelling=${s.home.id}`))
      await page.screenshot({ path: '/tmp/hongwu-tasks-phone-household.png', fullPage: true })

      // A dwelling's residents, from the elevation: chips.
      const taggedHome = s.taggedHome
      await page.goto(`${base}/places/${taggedHome.building_id}/elevation`)
      await page.locator(`[data-testid=elevation-cell][data-dwelling="${taggedHome.id}"]`).click()
      const popupRow = page.locator('.van-popup [data-testid=dwelling-resident]', { hasText: s.tagged.name }).first()
      await popupRow.waitFor()
      await assertChips(popupRow, s.tagged.tags, 'van-tag')
      await page.screenshot({ path: '/tmp/hongwu-tasks-phone-dwelling.png' })
    } finally {
      await b.close()
    }
  })
})

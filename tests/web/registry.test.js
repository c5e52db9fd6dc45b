// Browser test of the registry pages against the real server:
// `node --test tests/web/`. Same needs as login.test.js (web/dist, build/hongwu,
// /usr/bin/chromium). Screenshots go to /tmp/hongwu-registry-*.png.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { REPO, HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer } = require('./harness.js')

const BROKEN_CSV = path.join(REPO, 'samples', 'registry-broken.csv')
const DESKTOP = { width: 1280, height: 800 }
const PHONE = [{ width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]

describe('registry pages against hongwu serve', () => {
  let dir, server, base, accounts, chromium
  const staffLogin = 'demo-community-staff'
  const workerLogin = 'demo-grid-worker'
  const tokens = {}

  // The API asked directly (Bearer), to know what the pages should show.
  async function apiGet(login, url) {
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

  // The first building (down the compound path) with a dwelling people live
  // in, and that dwelling's residents, from the API.
  async function firstBuilding(login) {
    const roots = (await apiGet(login, '/api/v1/places')).items
    const DOWN = ['subdistrict', 'community', 'compound', 'building']
    async function walk(path) {
      const here = path[path.length - 1]
      if (here.kind === 'building') {
        const elevation = await apiGet(login, `/api/v1/places/${here.id}/elevation`)
        const dwelling = elevation.entrances.flatMap((e) => e.floors.flatMap((f) => f.dwellings)).find((d) => d.residents > 0)
        if (!dwelling) return null
        const residents = (await apiGet(login, `/api/v1/residents?dwelling_id=${dwelling.id}`)).items
        return { path, building: here, elevation, dwelling, residents }
      }
      const kids = (await apiGet(login, `/api/v1/places?parent_id=${here.id}`)).items
      for (const k of kids.filter((k) => DOWN.includes(k.kind))) {
        const found = await walk([...path, k])
        if (found) return found
      }
      return null
    }
    const found = await walk([roots[0]])
    assert.ok(found, `no building with residents visible to ${login}`)
    return found
  }

  before(async () => {
    assert.ok(fs.existsSync(HONGWU_BIN), `no server binary at ${HONGWU_BIN} (build it, or set HONGWU_BIN)`)
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'no web/dist: run "cd web && npm ci && npm run build"')
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-reg-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    for (const l of [staffLogin, workerLogin]) assert.ok(accounts[l], `demo printed no password for ${l}`)
    server = startServer(db)
    base = await server.url
  })

  after(() => stopServer(server, dir))

  test('desktop, community staff: tree → elevation → residents, resident form, import dry run, orgs, coverage', async () => {
    const want = await firstBuilding(staffLogin)
    const b = await launch(chromium, DESKTOP)
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, staffLogin, accounts[staffLogin])
      await page.locator('[data-testid=home]').waitFor({ state: 'visible' })

      // Navigation from the permissions: registry pages yes, user admin and audit no.
      for (const key of ['places', 'residents', 'import', 'orgs', 'coverage'])
        await page.locator(`[data-testid=nav-${key}]`).waitFor({ state: 'visible' })
      assert.equal(await page.locator('[data-testid=nav-users]').count(), 0)
      assert.equal(await page.locator('[data-testid=nav-audit]').count(), 0)

      // The tree, down to the building: clicking a node opens it.
      await page.locator('[data-testid=nav-places]').click()
      await page.waitForURL(/\/places$/)
      const tree = page.locator('[data-testid=places-tree]')
      for (const p of want.path) {
        const node = tree.locator('.el-tree-node__content', { hasText: p.name }).filter({ has: page.locator(`[data-kind=${p.kind}]`) })
        await node.first().click()
      }
      // The building opens its elevation: every dwelling is a cell, top floor first.
      const grid = page.locator('[data-testid=elevation-grid]')
      await grid.waitFor({ state: 'visible' })
      const cells = grid.locator('[data-testid=elevation-cell]')
      const total = want.elevation.entrances.reduce((n, e) => n + e.floors.reduce((m, f) => m + f.dwellings.length, 0), 0)
      assert.equal(await cells.count(), total, 'one cell per dwelling')
      const floors = want.elevation.entrances.flatMap((e) => e.floors.map((f) => f.floor)).filter((f) => f !== null)
      if (floors.length) {
        const top = Math.max(...floors)
        assert.match(await grid.locator('tbody tr').first().locator('th').innerText(), new RegExp(`^${top}\\s*层$`))
      }
      // Greyed cells are exactly the dwellings nobody lives in; the legend is there.
      const emptyCount = want.elevation.entrances.flatMap((e) => e.floors.flatMap((f) => f.dwellings)).filter((d) => !d.residents).length
      assert.equal(await grid.locator('.cell.empty').count(), emptyCount)
      assert.match(await page.locator('[data-testid=elevation-legend]').innerText(), /无居民/)
      await page.screenshot({ path: '/tmp/hongwu-registry-elevation.png' })

      // A cell → that dwelling's residents.
      await grid.locator(`[data-dwelling="${want.dwelling.id}"]`).click()
      const drawerList = page.locator('.el-drawer [data-testid=dwelling-residents-table]')
      await drawerList.waitFor({ state: 'visible' })
      for (const r of want.residents) await drawerList.getByText(r.name, { exact: true }).first().waitFor()
      await page.screenshot({ path: '/tmp/hongwu-registry-dwelling.png' })

      // A resident's page: occupancies with move-in dates.
      const someone = want.residents[0]
      await drawerList.getByText(someone.name, { exact: true }).first().click()
      await page.waitForURL(new RegExp(`/residents/${someone.id}$`))
      await page.locator('[data-testid=resident-title]').getByText(someone.name).waitFor()
      const occ = page.locator('[data-testid=resident-occupancies]')
      await occ.getByText(someone.dwellings[0].label).first().waitFor()
      await page.screenshot({ path: '/tmp/hongwu-registry-resident.png' })

      // The add form: a client-side hint for a bad ID number, the server's
      // message under the input for one already registered.
      await page.locator('[data-testid=nav-residents]').click()
      await page.waitForURL(/\/residents$/)
      await page.locator('[data-testid=residents-table]').getByText(someone.name, { exact: true }).first().waitFor()
      await page.locator('[data-testid=resident-new]').click()
      const form = page.locator('[data-testid=resident-form]')
      await form.waitFor({ state: 'visible' })
      const idItem = form.locator('.el-form-item').filter({ has: page.locator('input[data-testid=resident-id-number]') })
      await form.locator('input[data-testid=resident-id-number]').fill('12345')
      await form.locator('input[data-testid=resident-name]').click()
      assert.match(await idItem.locator('.el-form-item__error').innerText(), /18 位/)
      // Pick the dwelling in the tree select, down the compound path.
      await form.locator('[data-testid=resident-dwelling]').click()
      const dropdown = page.locator('.el-tree-select__popper:visible, .el-select__popper:visible').last()
      const entrance = want.elevation.entrances.find((e) => e.floors.some((f) => f.dwellings.some((d) => d.id === want.dwelling.id)))
      for (const name of [...want.path.map((p) => p.name), entrance.name])
        await dropdown.locator('.el-tree-node__content', { hasText: name }).first().locator('.el-tree-node__expand-icon').click()
      await dropdown.locator('.el-tree-node__content', { hasText: want.dwelling.name }).last().click()
      await form.locator('[data-testid=resident-relation]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '家属' }).click()
      await form.locator('input[data-testid=resident-name]').fill('测试居民')
      const taken = someone.id_number
      assert.ok(taken && !taken.includes('*'), 'community staff sees ID numbers unmasked')
      // A number already registered within reach offers that person, to link here.
      await form.locator('input[data-testid=resident-id-number]').fill(taken)
      await form.locator('input[data-testid=resident-name]').click()
      const existing = form.locator('[data-testid=resident-existing]')
      await existing.waitFor({ state: 'visible' })
      assert.ok((await existing.innerText()).includes(someone.name), 'the registered person is named')
      await existing.locator('[data-testid=resident-link-existing]').waitFor({ state: 'visible' })
      await page.screenshot({ path: '/tmp/hongwu-registry-form.png' })
      // A fresh ID number saves, and the new resident's page opens.
      await form.locator('input[data-testid=resident-id-number]').fill('')
      await page.locator('[data-testid=resident-save]').click()
      await page.waitForURL(/\/residents\/\d+$/)
      await page.locator('[data-testid=resident-title]').getByText('测试居民').waitFor()

      // Import: dry run of the broken sample lists every rejected row.
      if (fs.existsSync(BROKEN_CSV)) {
        await page.locator('[data-testid=nav-import]').click()
        await page.waitForURL(/\/import$/)
        await page.locator('[data-testid=import-community]').getByText(/社区/).waitFor()
        await page.locator('input[data-testid=import-file]').setInputFiles(BROKEN_CSV)
        await page.locator('[data-testid=import-file-name]').getByText('registry-broken.csv').waitFor()
        await page.locator('[data-testid=import-dry-run]').click()
        const rejected = page.locator('[data-testid=import-rejected]')
        await rejected.waitFor({ state: 'visible' })
        const rows = rejected.locator('.el-table__body-wrapper tr.el-table__row')
        assert.ok((await rows.count()) >= 5, 'several rejected rows listed')
        assert.match(await rows.first().innerText(), /[\u4e00-\u9fff]/, 'messages are Chinese')
        assert.match(await page.locator('[data-testid=import-outcome]').innerText(), /没有写入/)
        await page.screenshot({ path: '/tmp/hongwu-registry-import.png', fullPage: true })
      }

      // Export: the residents of the chosen community download as a CSV file.
      await page.locator('[data-testid=nav-import]').click()
      await page.waitForURL(/\/import$/)
      await page.locator('[data-testid=import-community]').getByText(/社区/).waitFor()
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-residents-csv]').click()])
      assert.match(file.suggestedFilename(), /^residents-\d{8}\.csv$/)
      const csv = fs.readFileSync(await file.path(), 'utf8')
      assert.ok(csv.includes(someone.name), 'the export lists the residents')

      // Organizations and the party tree; coverage with its statuses.
      await page.locator('[data-testid=nav-orgs]').click()
      await page.locator('[data-testid=orgs-table] .el-table__row').first().waitFor()
      await page.locator('.el-tabs__item', { hasText: '党组织' }).click()
      await page.locator('[data-testid=party-tree]').getByText('社区党委').first().waitFor()
      await page.screenshot({ path: '/tmp/hongwu-registry-party.png' })
      await page.locator('[data-testid=nav-coverage]').click()
      await page.locator('[data-testid=coverage-table] [data-testid=coverage-status]').first().waitFor()
      await page.screenshot({ path: '/tmp/hongwu-registry-coverage.png' })
    } finally {
      await b.close()
    }
  })

  test('phone, grid worker: only their grid, elevation, a dwelling\'s residents', async () => {
    const roots = (await apiGet(workerLogin, '/api/v1/places')).items
    assert.equal(roots.length, 1)
    assert.equal(roots[0].kind, 'grid')
    const want = await firstBuilding(workerLogin)
    const b = await launch(chromium, ...PHONE)
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, workerLogin, accounts[workerLogin])
      await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
      assert.equal(await page.locator('[data-testid=nav-import]').count(), 0, 'grid worker has no import')

      await page.locator('.van-tabbar [data-testid=nav-places]').click()
      await page.waitForURL(/\/places$/)
      const items = page.locator('[data-testid=place-item]')
      await items.first().waitFor()
      assert.equal(await items.count(), 1, 'only their own grid at the top')
      assert.match(await items.first().innerText(), new RegExp(roots[0].name))
      await page.screenshot({ path: '/tmp/hongwu-registry-phone-places.png' })

      // Down to the building, which opens the elevation page.
      for (const p of want.path) {
        await page.locator('[data-testid=place-item]', { hasText: p.name }).first().click()
      }
      await page.waitForURL(/\/places\/\d+\/elevation/)
      const grid = page.locator('[data-testid=elevation-grid]')
      await grid.waitFor({ state: 'visible' })
      await page.screenshot({ path: '/tmp/hongwu-registry-phone-elevation.png' })
      await grid.locator(`[data-dwelling="${want.dwelling.id}"]`).click()
      const popup = page.locator('.van-popup [data-testid=dwelling-residents]')
      await popup.waitFor({ state: 'visible' })
      for (const r of want.residents) await popup.getByText(r.name).first().waitFor()
      await page.screenshot({ path: '/tmp/hongwu-registry-phone-dwelling.png' })

      // The resident list: search by name.
      await page.goto(`${base}/residents`)
      await page.locator('[data-testid=resident-row]').first().waitFor()
      const name = want.residents[0].name
      await page.locator('[data-testid=residents-search] input').fill(name)
      await page.locator('[data-testid=residents-search] input').press('Enter')
      await page.waitForURL(/q=/)
      await page.locator('[data-testid=resident-row]', { hasText: name }).first().waitFor()
      await page.screenshot({ path: '/tmp/hongwu-registry-phone-residents.png' })
    } finally {
      await b.close()
    }
  })
})

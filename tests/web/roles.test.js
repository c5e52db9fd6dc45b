// Browser test of each role's everyday tasks against the real server:
// `node --test tests/web/roles.test.js` (needs web/dist, the server binary
// (HONGWU_BIN) and /usr/bin/chromium, as the other browser tests).
// - every role's home page (工作台) shows its cards and none it cannot use,
//   in Chinese and English, on the console (1400×900) and a phone (390×844):
//   screenshots /tmp/hongwu-home-<role>-<zh|en>-<desktop|phone>.png;
// - a grid worker on a phone adds a resident, the ID number filling in sex
//   and birth date (and a wrong check digit saying so);
// - community staff add a person already registered to a second dwelling;
// - an inspector filters the audit log to one person's changes, and exports it;
// - community staff print and export a grid's 花名册.
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer, apiClient } = require('./harness.js')

const DESKTOP = [{ width: 1400, height: 900 }]
const PHONE = [{ width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]
// The rows of a console list (an Element Plus table).
const TABLE_ROWS = '.el-table__body-wrapper tr.el-table__row'

// Each role's cards: the titles it must show (Chinese, English) and cards it must not.
const ROLES = {
  staff: {
    login: 'demo-community-staff',
    cards: { tagCounts: ['各标签人数', 'Residents per tag'], grids: ['各网格住户', 'Households per grid'], woQueue: ['派单台：待办工单', 'Dispatch queue'] },
    absent: ['auditToday', 'householdsByTag', 'attention', 'myHousehold', 'communities', 'woReports'],
  },
  worker: {
    login: 'demo-grid-worker',
    cards: {
      householdsByTag: ['我的网格：按标签的住户', 'My grid: households by tag'],
      attention: ['需要关注的住户', 'Households needing attention'],
      woTasks: ['我的任务', 'My tasks'],
    },
    absent: ['tagCounts', 'grids', 'auditToday', 'woQueue', 'communities', 'myHousehold'],
  },
  inspector: {
    login: 'demo-inspector',
    cards: { auditToday: ['今日审计', 'Audit today'], communities: ['各社区概况', 'Communities'] },
    absent: ['woQueue', 'grids', 'householdsByTag', 'myHousehold', 'woTasks'],
  },
  officer: {
    login: 'demo-subdistrict-officer',
    cards: { communities: ['各社区概况', 'Communities'], tagCounts: ['各标签人数', 'Residents per tag'], woQueue: ['派单台：待办工单', 'Dispatch queue'] },
    absent: ['grids', 'householdsByTag', 'attention', 'myHousehold', 'woTasks'],
  },
  resident: {
    login: 'demo-resident',
    cards: { myHousehold: ['我家', 'My household'], woReports: ['我的报事', 'My reports'] },
    absent: ['tagCounts', 'grids', 'auditToday', 'woQueue', 'householdsByTag', 'communities'],
  },
}

// A valid ID number (GB 11643 check digit) born on `birth` (YYYYMMDD).
function idNumber(birth, seq) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const body = `320902${birth}${String(seq).padStart(3, '0')}`
  const sum = [...body].reduce((n, d, i) => n + Number(d) * W[i], 0)
  return body + '10X98765432'[sum % 11]
}

describe('each role at work', () => {
  let dir, server, base, accounts, chromium
  let api
  const apiGet = (login, url) => api(login, 'GET', url)

  // The first building of a login's scope with dwellings, walking down the
  // places tree, and its elevation.
  async function firstBuilding(login) {
    async function walk(place) {
      if (place.kind === 'building') return { building: place, elevation: await apiGet(login, `/api/v1/places/${place.id}/elevation`) }
      for (const k of (await apiGet(login, `/api/v1/places?parent_id=${place.id}`)).items) {
        if (!['subdistrict', 'community', 'compound', 'grid', 'building'].includes(k.kind)) continue
        const found = await walk(k)
        if (found) return found
      }
      return null
    }
    for (const root of (await apiGet(login, '/api/v1/places')).items) {
      const found = await walk(root)
      if (found) return found
    }
    assert.fail(`no building visible to ${login}`)
  }
  const dwellingsOf = (elevation) => elevation.entrances.flatMap((e) => e.floors.flatMap((f) => f.dwellings))

  async function signIn(viewport, login, locale = 'zh-CN') {
    const b = await launch(chromium, ...viewport)
    const page = await b.context.newPage()
    await page.goto(`${base}/login`)
    await page.evaluate((l) => localStorage.setItem('hongwu.locale', l), locale)
    await page.reload()
    await fillLogin(page, login, accounts[login])
    await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
    return { b, page }
  }

  before(async () => {
    assert.ok(fs.existsSync(HONGWU_BIN), `no server binary at ${HONGWU_BIN} (build it, or set HONGWU_BIN)`)
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'no web/dist: run "cd web && npm ci && npm run build"')
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-roles-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    for (const r of Object.values(ROLES)) assert.ok(accounts[r.login], `demo printed no password for ${r.login}`)
    server = startServer(db)
    base = await server.url
    api = apiClient(base, accounts)
  })

  after(() => stopServer(server, dir))

  test("each role's home page shows its cards and no other, in Chinese and English, on the console and a phone", async () => {
    for (const [role, want] of Object.entries(ROLES)) {
      for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
        const { b, page } = await signIn(viewport, want.login)
        try {
          for (const [lang, i] of [['zh', 0], ['en', 1]]) {
            if (lang === 'en') {
              await page.evaluate(() => localStorage.setItem('hongwu.locale', 'en'))
              await page.reload()
              await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
            }
            for (const [key, titles] of Object.entries(want.cards)) {
              const card = page.locator(`[data-testid=home-card-${key}]`)
              await card.waitFor({ state: 'visible' })
              assert.equal((await card.locator('[data-testid=home-card-title]').innerText()).trim(), titles[i], `${role} ${size} ${lang}: ${key}`)
            }
            for (const key of want.absent) assert.equal(await page.locator(`[data-testid=home-card-${key}]`).count(), 0, `${role} must not see ${key}`)
            // The cards have drawn what they load (no "…" left).
            await page.waitForFunction(() => ![...document.querySelectorAll('[data-testid=home-cards]')].some((el) => el.innerText.includes('…')))
            await page.screenshot({ path: `/tmp/hongwu-home-${role}-${lang}-${size}.png` })
          }
        } finally {
          await b.close()
        }
      }
    }
  })

  test('what the cards show: a grid worker\'s households, staff\'s grids, a resident\'s household, names not numbers', async () => {
    // Grid worker: the households by tag agree with the elevations of their grid.
    const worker = ROLES.worker.login
    const grid = (await apiGet(worker, '/api/v1/places')).items[0]
    const buildings = (await apiGet(worker, `/api/v1/places?parent_id=${grid.id}`)).items.filter((p) => p.kind === 'building')
    const lived = []
    for (const bld of buildings) lived.push(...dwellingsOf(await apiGet(worker, `/api/v1/places/${bld.id}/elevation`)).filter((d) => d.residents > 0))
    {
      const { b, page } = await signIn(PHONE, worker)
      try {
        const card = page.locator('[data-testid=home-card-householdsByTag]')
        await card.locator('[data-testid=figure-households]').getByText(String(lived.length), { exact: true }).waitFor()
        const alone = lived.filter((d) => d.tags.includes('living_alone')).length
        assert.ok(alone > 0, 'the demo has someone living alone in the grid')
        await card.locator('[data-testid=card-row]', { hasText: '独居' }).getByText(`${alone} 户`).waitFor()
        // A household needing attention opens its building's 楼盘表 at that dwelling.
        const attention = page.locator('[data-testid=home-card-attention] [data-testid=card-row]').first()
        await attention.click()
        await page.waitForURL(/\/places\/\d+\/elevation\?dwelling=\d+/)
        await page.locator('.van-popup [data-testid=dwelling-residents]').waitFor({ state: 'visible' })
      } finally {
        await b.close()
      }
    }

    // Staff: grids in natural order; a grid row opens that grid's residents.
    const { b, page } = await signIn(DESKTOP, ROLES.staff.login)
    try {
      const rows = page.locator('[data-testid=home-card-grids] [data-testid=card-row]')
      await rows.first().waitFor()
      const names = (await rows.locator('.main').allInnerTexts()).map((s) => s.trim())
      assert.deepEqual(names.slice(0, 3), ['第一网格', '第二网格', '第三网格'], 'grids sorted 第一, 第二, 第三')
      await rows.first().locator('.row-main').click()
      await page.waitForURL(/\/residents\?.*grid_id=\d+/)
      await page.locator(TABLE_ROWS).first().waitFor()
      // The 我的 page names the sub-district; the places page a building's grid.
      await page.goto(`${base}/me`)
      assert.equal((await page.locator('[data-testid=me-district]').innerText()).trim(), '新都街道')
    } finally {
      await b.close()
    }

    // Resident: their household, in their words ("住址", not "负责范围").
    const resident = ROLES.resident.login
    const household = (await apiGet(resident, '/api/v1/residents')).items
    const r = await signIn(PHONE, resident)
    try {
      const card = r.page.locator('[data-testid=home-card-myHousehold]')
      for (const person of household) await card.getByText(person.name, { exact: true }).waitFor()
      const hero = await r.page.locator('.hero').innerText()
      assert.match(hero, /住址/)
      assert.match(hero, /紫薇花园 \S+ \S+ \S+/, 'the home reads as its full address')
      assert.doesNotMatch(hero, /负责范围/)
    } finally {
      await r.b.close()
    }
  })

  test('a grid worker on a phone adds a resident: the ID number fills in sex and birth date', async () => {
    const worker = ROLES.worker.login
    const { building, elevation } = await firstBuilding(worker)
    const dwelling = dwellingsOf(elevation)[0]
    const { b, page } = await signIn(PHONE, worker)
    try {
      await page.goto(`${base}/places/${building.id}/elevation?dwelling=${dwelling.id}`)
      const popup = page.locator('.van-popup [data-testid=dwelling-residents]')
      await popup.waitFor({ state: 'visible' })
      await popup.locator('[data-testid=dwelling-add-resident]').click()
      const form = page.locator('[data-testid=resident-form]')
      await form.waitFor({ state: 'visible' })
      // The dwelling is shown where the person goes, with the compound's name.
      await form.locator('[data-testid=resident-dwelling]').getByText(new RegExp(`紫薇花园 .*${dwelling.name}$`)).waitFor()

      await form.locator('input[data-testid=resident-name]').fill('手机新增')
      await form.locator('[data-testid=resident-relation] .van-radio', { hasText: '租户' }).click()
      const id = idNumber('19900315', 2)
      // A wrong check digit is named as such, not as a wrong length.
      const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
      const idInput = form.locator('input[data-testid=resident-id-number]')
      await idInput.fill(wrong)
      await form.locator('input[data-testid=resident-name]').click()
      const idItem = form.locator('.el-form-item').filter({ has: page.locator('input[data-testid=resident-id-number]') })
      const err = await idItem.locator('.el-form-item__error').innerText()
      assert.match(err, /校验位不对/)
      assert.doesNotMatch(err, /18 位/)
      // The right number fills in sex and birth date.
      await idInput.fill(id)
      await form.locator('[data-testid=resident-birth-date]').getByText('1990-03-15').waitFor()
      assert.equal(await form.locator('[data-testid=resident-sex] .van-radio[aria-checked=true]').innerText(), '女')
      await form.locator('[data-testid=resident-id-hint]').getByText('已按身份证号填写性别和出生日期').waitFor()
      // Touch targets: the pickers' fields are at least 44 px high.
      for (const f of ['resident-dwelling', 'resident-birth-date']) {
        const box = await form.locator(`[data-testid=${f}]`).boundingBox()
        assert.ok(box.height >= 44, `${f} is ${box.height} px high`)
      }
      // The birth date picker is Vant's, at the year the number gives.
      await form.locator('[data-testid=resident-birth-date]').click()
      const picker = page.locator('[data-testid=date-picker]')
      await picker.waitFor({ state: 'visible' })
      await picker.locator('.van-picker-column__item--selected', { hasText: '1990' }).waitFor()
      await page.screenshot({ path: '/tmp/hongwu-roles-phone-form.png' })
      await picker.locator('.van-picker__confirm').click()
      await picker.waitFor({ state: 'hidden' })

      await page.locator('[data-testid=resident-save]').click()
      await popup.getByText('手机新增', { exact: true }).waitFor()
      const saved = (await apiGet(worker, `/api/v1/residents?dwelling_id=${dwelling.id}`)).items.find((x) => x.name === '手机新增')
      assert.equal(saved.sex, 'female')
      assert.equal(saved.birth_date, '1990-03-15')
    } finally {
      await b.close()
    }
  })

  test('community staff add a person already registered to a second dwelling', async () => {
    const staff = ROLES.staff.login
    // Someone whose ID number staff see whole, and another dwelling of their building.
    const person = (await apiGet(staff, '/api/v1/residents?limit=100')).items.find(
      (x) => x.id_number && !x.id_number.includes('*') && x.dwellings.filter((d) => !d.moved_out).length === 1,
    )
    assert.ok(person, 'someone with an ID number')
    const from = person.dwellings[0]
    const entrance = await apiGet(staff, `/api/v1/places/${(await apiGet(staff, `/api/v1/places/${from.id}`)).parent_id}`)
    const building = await apiGet(staff, `/api/v1/places/${entrance.parent_id}`)
    const dwellings = dwellingsOf(await apiGet(staff, `/api/v1/places/${building.id}/elevation`))
    const to = dwellings.find((d) => d.id !== from.id)
    assert.ok(to, 'a second dwelling in the building')

    const { b, page } = await signIn(DESKTOP, staff)
    try {
      await page.goto(`${base}/places/${building.id}/elevation?dwelling=${to.id}`)
      const drawer = page.locator('.el-drawer [data-testid=dwelling-residents]')
      await drawer.waitFor({ state: 'visible' })
      await drawer.locator('[data-testid=dwelling-add-resident]').click()
      const form = page.locator('[data-testid=resident-form]')
      await form.waitFor({ state: 'visible' })
      await form.locator('[data-testid=resident-dwelling-label]').getByText(new RegExp(`^紫薇花园 .*${to.name}$`)).waitFor()
      await form.locator('[data-testid=resident-relation]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '租户' }).click()
      await form.locator('input[data-testid=resident-name]').fill(person.name)
      await form.locator('input[data-testid=resident-id-number]').fill(person.id_number)
      await form.locator('input[data-testid=resident-name]').click()
      // The person is found within the caller's scope: offered, not refused.
      const offer = form.locator('[data-testid=resident-existing]')
      await offer.getByText(person.name).first().waitFor()
      await page.screenshot({ path: '/tmp/hongwu-roles-link-existing.png' })
      await offer.locator('[data-testid=resident-link-existing]').click()
      await form.waitFor({ state: 'hidden' })
      await drawer.getByText(person.name, { exact: true }).waitFor()
      const now = await apiGet(staff, `/api/v1/residents/${person.id}`)
      const homes = now.occupancies.filter((o) => !o.moved_out).map((o) => o.dwelling_id)
      assert.ok(homes.includes(to.id) && homes.includes(from.id), 'living in both dwellings now')
      assert.equal((await apiGet(staff, `/api/v1/residents?q=${person.id_number}&include_moved_out=1`)).items.length, 1, 'still one person')
    } finally {
      await b.close()
    }
  })

  test("an inspector filters the audit log to one person's changes and exports them", async () => {
    const inspector = ROLES.inspector.login
    const staffName = (await apiGet(ROLES.staff.login, '/api/v1/auth/me')).user.name
    const { b, page } = await signIn(DESKTOP, inspector)
    try {
      await page.goto(`${base}/audit`)
      const rows = page.locator(`[data-testid=audit] ${TABLE_ROWS}`)
      await rows.first().waitFor()
      await page.locator('input[data-testid=audit-user]').fill(staffName)
      await page.locator('input[data-testid=audit-user]').press('Enter')
      await page.locator('[data-testid=audit-kind]').getByText('变更').click()
      await page.waitForURL(/kind=change/)
      await page.waitForFunction(
        ([name, sel]) => {
          const all = [...document.querySelectorAll(sel)]
          return all.length > 0 && all.every((r) => r.innerText.includes(`${name}（社区工作人员）`))
        },
        [staffName, `[data-testid=audit] ${TABLE_ROWS}`],
      )
      const texts = await rows.allInnerTexts()
      assert.ok(texts.every((x) => !/登录/.test(x)), 'no sign-ins among the changes')
      // The occupancy staff just added unfolds to a before → after table in Chinese.
      const occupancy = rows.filter({ hasText: '居住记录' }).first()
      await occupancy.locator('.el-table__expand-icon').click()
      const changes = page.locator('[data-testid=audit-changes]').first()
      await changes.waitFor()
      assert.match(await changes.innerText(), /关系/)
      assert.match(await changes.innerText(), /租户/)
      await page.screenshot({ path: '/tmp/hongwu-roles-audit.png', fullPage: true })

      const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=audit-export]').click()])
      assert.match(file.suggestedFilename(), /^audit-\d{8}\.csv$/)
      const csv = fs.readFileSync(await file.path(), 'utf8').replace(/^\ufeff/, '')
      const lines = csv.trim().split(/\r\n(?=")/).slice(1)
      assert.ok(lines.length >= 1, 'the export has the filtered entries')
      assert.ok(lines.every((l) => l.includes(`"${staffName}"`)), 'only that person')
      assert.ok(!csv.includes('"login"'), 'no sign-ins')
    } finally {
      await b.close()
    }
  })

  test("community staff export and print a grid's 花名册", async () => {
    const staff = ROLES.staff.login
    const { b, page } = await signIn(DESKTOP, staff)
    try {
      const row = page.locator('[data-testid=home-card-grids] [data-testid=card-row]').first()
      await row.waitFor()
      const gridName = (await row.locator('.main').innerText()).trim()
      await row.locator('[data-testid=grid-roster]').click()
      await page.waitForURL(/\/roster\?grid_id=\d+/)
      const gridId = Number(new URL(page.url()).searchParams.get('grid_id'))
      await page.locator('[data-testid=roster-title]').getByText(`${gridName} 居民花名册`, { exact: true }).waitFor()
      const people = (await apiGet(staff, `/api/v1/residents?grid_id=${gridId}&limit=200`)).items
      await page.locator('[data-testid=roster-count]').getByText(`共 ${people.length} 人`).waitFor()

      const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=roster-export-csv]').click()])
      assert.match(file.suggestedFilename(), /^residents-\d{8}\.csv$/)
      const csv = fs.readFileSync(await file.path(), 'utf8')
      for (const p of people) assert.ok(csv.includes(p.name), `the roster lists ${p.name}`)

      // On paper: no menu, no buttons, every row.
      await page.emulateMedia({ media: 'print' })
      assert.equal(await page.locator('.el-aside').isVisible(), false, 'no sidebar in print')
      assert.equal(await page.locator('[data-testid=roster-export-csv]').isVisible(), false, 'no buttons in print')
      assert.equal(await page.locator(`[data-testid=roster] ${TABLE_ROWS}`).count(), people.length)
      await page.screenshot({ path: '/tmp/hongwu-roles-roster-print.png', fullPage: true })
      await page.emulateMedia({ media: 'screen' })
    } finally {
      await b.close()
    }
  })
})

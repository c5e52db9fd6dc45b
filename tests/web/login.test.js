// Browser test of the web UI against the real server: `node --test tests/web/`.
// Needs `cd web && npm ci && npm run build` (playwright-core is a devDependency
// of web/) and the server binary (HONGWU_BIN, default build/hongwu).
'use strict'

const { test, before, after, describe } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { HONGWU_BIN, WEB_DIST, CHROMIUM, loadPlaywright, demoAccounts, startServer, launch, fillLogin, stopServer } = require('./harness.js')

describe('web UI against hongwu serve', () => {
  let dir, server, base, accounts, chromium
  const staffLogin = 'demo-community-staff'
  let staff // the user as the API describes it

  before(async () => {
    assert.ok(fs.existsSync(HONGWU_BIN), `no server binary at ${HONGWU_BIN} (build it, or set HONGWU_BIN)`)
    assert.ok(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'no web/dist: run "cd web && npm ci && npm run build"')
    assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`)
    chromium = loadPlaywright().chromium
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongwu-web-'))
    const db = path.join(dir, 't.db')
    accounts = demoAccounts(db)
    assert.ok(accounts[staffLogin], `demo printed no password for ${staffLogin}`)
    server = startServer(db)
    base = await server.url
    // What the home page should show, asked of the API directly (Bearer, no cookie kept).
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: staffLogin, password: accounts[staffLogin] }),
    })
    assert.equal(res.status, 200)
    staff = (await res.json()).user
    assert.ok(staff && staff.name, 'login answer has user.name')
  })

  after(() => stopServer(server, dir))

  test('desktop: wrong password, language switch, login, home, places, logout', async () => {
    const b = await launch(chromium, { width: 1280, height: 800 })
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/`)
      await page.waitForURL(/\/login/)

      // A wrong password shows the server's Chinese message.
      await fillLogin(page, staffLogin, 'wrong-password-123')
      const error = page.locator('[data-testid=login-error]')
      await error.waitFor({ state: 'visible' })
      const text = (await error.innerText()).trim()
      assert.match(text, /[\u4e00-\u9fff]/, `error message should be Chinese, got "${text}"`)
      assert.match(page.url(), /\/login/)

      // English switch, remembered across a reload, then back to Chinese.
      const submit = page.locator('[data-testid=login-submit]')
      assert.match(await submit.innerText(), /登录/)
      await page.locator('[data-testid=locale-switch]').click()
      await page.waitForFunction(() => document.documentElement.lang === 'en')
      assert.match(await submit.innerText(), /Sign in/)
      await page.reload()
      assert.match(await page.locator('[data-testid=login-submit]').innerText(), /Sign in/)
      await page.locator('[data-testid=locale-switch]').click()
      assert.match(await page.locator('[data-testid=login-submit]').innerText(), /登录/)

      // Log in through the form.
      await fillLogin(page, staffLogin, accounts[staffLogin])
      const home = page.locator('[data-testid=home]')
      await home.waitFor({ state: 'visible' })
      const homeText = await home.innerText()
      assert.ok(homeText.includes(staff.name), `home shows the user's name ${staff.name}`)
      assert.ok(homeText.includes('社区工作人员'), 'home shows the role in Chinese')
      if (staff.scope) assert.ok(homeText.includes(staff.scope.name), 'home shows the scope name')
      await page.screenshot({ path: '/tmp/hongwu-home.png' })

      // Navigation follows the role: no user admin, no audit log for community staff.
      await page.locator('[data-testid=nav-places]').waitFor({ state: 'visible' })
      assert.equal(await page.locator('[data-testid=nav-users]').count(), 0)
      assert.equal(await page.locator('[data-testid=nav-audit]').count(), 0)

      // The places tree starts at the user's scope.
      await page.locator('[data-testid=nav-places]').click()
      await page.waitForURL(/\/places$/)
      if (staff.scope) await page.locator('[data-testid=places-tree]').getByText(staff.scope.name).first().waitFor()

      // A page reload keeps the session (cookie + GET /auth/me).
      await page.reload()
      await page.locator('[data-testid=places]').waitFor({ state: 'visible' })

      // Log out from the me page.
      await page.goto(`${base}/me`)
      await page.locator('[data-testid=logout]').click()
      await page.waitForURL(/\/login/)
      await page.locator('[data-testid=login-page]').waitFor({ state: 'visible' })
      // The session is really gone: the app sends us back to login.
      await page.goto(`${base}/`)
      await page.waitForURL(/\/login/)
    } finally {
      await b.close()
    }
  })

  test('phone: login, home in the Vant layout, logout from me', async () => {
    const b = await launch(chromium, { width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, staffLogin, accounts[staffLogin])
      const home = page.locator('[data-testid=home]')
      await home.waitFor({ state: 'visible' })
      assert.ok((await home.innerText()).includes(staff.name))
      await page.locator('.van-tabbar [data-testid=nav-me]').waitFor({ state: 'visible' })
      await page.screenshot({ path: '/tmp/hongwu-home-phone.png' })

      await page.locator('.van-tabbar [data-testid=nav-me]').click()
      await page.waitForURL(/\/me$/)
      await page.locator('[data-testid=logout]').click()
      await page.waitForURL(/\/login/)
      await page.locator('[data-testid=login-page]').waitFor({ state: 'visible' })
    } finally {
      await b.close()
    }
  })

  test('admin: users list, inline field error, create, disable; audit log', async () => {
    const b = await launch(chromium, { width: 1280, height: 800 })
    try {
      const page = await b.context.newPage()
      await page.goto(`${base}/login`)
      await fillLogin(page, 'demo-admin', accounts['demo-admin'])
      await page.locator('[data-testid=home]').waitFor({ state: 'visible' })
      await page.locator('[data-testid=nav-users]').click()
      await page.waitForURL(/\/users$/)
      const table = page.locator('[data-testid=users-table]')
      await table.getByText(staffLogin, { exact: true }).waitFor()

      // The server's field error appears under the login input.
      await page.locator('[data-testid=user-new]').click()
      const form = page.locator('[data-testid=user-form]')
      await form.waitFor({ state: 'visible' })
      await form.locator('input[data-testid=user-login]').fill('Bad Login!')
      await form.locator('input[data-testid=user-password]').fill('long-enough-password')
      await form.locator('input[data-testid=user-name]').fill('测试用户')
      await form.locator('[data-testid=user-role]').click()
      await page.locator('.el-select-dropdown__item', { hasText: '系统管理员' }).click()
      await page.locator('[data-testid=user-save]').click()
      const loginItem = form.locator('.el-form-item').filter({ has: page.locator('input[data-testid=user-login]') })
      await loginItem.locator('.el-form-item__error').waitFor({ state: 'visible' })
      assert.match(await loginItem.locator('.el-form-item__error').innerText(), /[\u4e00-\u9fff]/)

      // A good login creates the user, who shows up in the list.
      await form.locator('input[data-testid=user-login]').fill('web-test-admin')
      await page.locator('[data-testid=user-save]').click()
      await form.waitFor({ state: 'hidden' })
      const row = table.locator('.el-table__row', { hasText: 'web-test-admin' })
      await row.waitFor()

      // Disable it.
      await row.locator('[data-testid=user-disable]').click()
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await row.getByText('已停用').waitFor()

      // The audit log lists the change.
      await page.locator('[data-testid=nav-audit]').click()
      await page.waitForURL(/\/audit$/)
      await page.locator('[data-testid=audit-table]').getByText('修改').first().waitFor()
      await page.screenshot({ path: '/tmp/hongwu-audit.png' })
    } finally {
      await b.close()
    }
  })
})

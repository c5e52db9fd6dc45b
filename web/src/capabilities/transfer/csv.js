// CSV on the import page: the templates to fill in, reading back the file a
// person chose (to show the bad value of each rejected cell), and the
// problems as a CSV to correct the sheet from. The server reads the file
// itself; this only helps a person find what to change.

// The header of each kind's template, required columns marked with * (the
// import ignores the mark; docs/import-format.md lists every column).
export const TEMPLATES = {
  buildings: ['小区*', '楼栋*', '网格*', '微网格', '单元数', '层数', '每层户数', '面积'],
  dwellings: ['小区*', '楼栋*', '单元', '房号*', '楼层', '面积', '网格'],
  residents: ['小区*', '楼栋*', '单元', '房号*', '楼层', '面积', '网格', '姓名*', '性别', '出生日期', '身份证号', '手机', '关系*', '入住日期', '标签', '备注'],
}

const cell = (v) => {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
// A CSV text Excel opens as UTF-8 (with a byte-order mark), rows ending in CRLF.
export function csvText(rows) {
  return '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

export function saveCsv(name, rows) {
  const url = URL.createObjectURL(new Blob([csvText(rows)], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

// The file's text: UTF-8 when it is valid UTF-8, else GB18030 (which holds
// GBK), as the server decides.
export async function fileText(file) {
  const bytes = await file.arrayBuffer()
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '')
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

// Rows of RFC 4180 CSV, each with the line of the file it starts on (a line
// break inside quotes belongs to the cell): [{ line, cells }].
export function parseCsv(text) {
  const rows = []
  let cells = []
  let value = ''
  let quoted = false
  let line = 1
  let start = 1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') value += text[i++]
      else if (ch === '"') quoted = false
      else {
        if (ch === '\n') line++
        value += ch
      }
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      cells.push(value)
      value = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      cells.push(value)
      rows.push({ line: start, cells })
      cells = []
      value = ''
      line++
      start = line
    } else value += ch
  }
  if (value !== '' || cells.length) {
    cells.push(value)
    rows.push({ line: start, cells })
  }
  return rows
}

// The value of each rejection's cell, looked up by its line and its column
// (the header as written in the file): [{ ...rejection, value }].
export function withValues(rejected, rows) {
  const names = new Set(rejected.map((x) => x.column).filter(Boolean))
  const norm = (h) => String(h).trim().replace(/\*$/, '')
  const header = rows.slice(0, 3).find((r) => r.cells.some((c) => names.has(c.trim()) || names.has(norm(c))))
  const byLine = new Map(rows.map((r) => [r.line, r.cells]))
  return rejected.map((x) => {
    const col = header ? header.cells.findIndex((c) => c.trim() === x.column || norm(c) === x.column) : -1
    const cells = byLine.get(x.line)
    return { ...x, value: col >= 0 && cells ? (cells[col] ?? '').trim() : '' }
  })
}

// The Persian screens' rule, shared by the browser tests: no Latin letter or digit shows on
// a Persian screen but in the spots allowed to hold one.
import assert from 'node:assert/strict'

// Every Latin letter or digit visible on the page outside the spots allowed to hold one:
// text marked lang="en" (a name in Latin script) or translate="no" (a code such as M16.11,
// shown beside its Persian name), the product's name, usernames, and the acronyms of
// instruments, grading scales and response criteria. Inputs' values and every option of a list count too.
export function latinOnScreen(scope) {
  const allowed = [
    /\bregenpath\b/g,
    /\b[a-z]+\.[a-z]+(-\d+)?\b/g, // usernames: coordinator.tehran-1, demo.coordinator
    /\b(HOOS( JR)?|WOMAC|CTCAE|NSAID)\b/g,
    /\b(OMERACT-OARSI|IMMPACT)\b/g, // the published response criteria, named as published
    /\bICD-10(-CM)?\b/g, // the code systems, named as published
    /ویتامین [A-Z](?: و [A-Z])?/g, // vitamins C and D, in the protocol's advice
    /\bM[۰-۹]{2}(\.[۰-۹]+)?(?= [\u0600-\u06FF])/g, // an ICD code, in Persian digits, before its Persian name
  ]
  const skip = (el) => el.closest('[lang=en],[translate=no],script,style,.visually-hidden')
  const out = []
  const root = document.querySelector(scope || '#app') || document.body
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement
    if (!el || skip(el) || !el.getClientRects().length) continue
    let text = n.textContent
    for (const a of allowed) text = text.replace(a, '')
    if (/[A-Za-z0-9]/.test(text)) out.push(n.textContent.trim().slice(0, 90))
  }
  for (const el of root.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=hidden]),textarea'))
    if (!skip(el) && el.getClientRects().length && /[A-Za-z0-9]/.test(el.value)) out.push(`input ${el.name}=${el.value}`)
  for (const el of root.querySelectorAll('select')) {
    if (skip(el) || !el.getClientRects().length) continue
    for (const o of el.options) {
      let text = o.textContent
      for (const a of allowed) text = text.replace(a, '')
      if (!skip(o) && /[A-Za-z0-9]/.test(text)) out.push(`option of ${el.name || el.id}: ${o.textContent.trim()}`)
    }
  }
  return [...new Set(out)]
}

// `scope`: a selector of the part of the page to check, the whole app when not given.
export async function assertPersianOnly(page, label, scope) {
  await page.waitForLoadState('networkidle')
  const found = await page.evaluate(latinOnScreen, scope ?? null)
  assert.deepEqual(found, [], `${label}: Latin letters or digits on a Persian screen`)
}

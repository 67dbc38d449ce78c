// The page of a background job (an occasion import, a court bundle), kept up to date while it runs.
//
// Every 2 seconds the page is fetched again and its #job-state put in place of ours, so
// the reading position and keyboard focus stay where they are; a change of status is
// announced in the page's live region. Polling stops when the job has finished (the new
// #job-state is no longer marked as running) or when the page cannot be read (signed
// out, for example). Without JavaScript, the page has a link to refresh it instead.

const INTERVAL_MS = 2000

export function initJobProgress ({ afterUpdate = () => {} } = {}) {
  const $state = document.querySelector('#job-state[data-module="app-job-progress"]')
  if (!$state) {
    return
  }
  hideRefreshLinks($state)
  const poll = () => window.setTimeout(() => update($state, { afterUpdate, poll }), INTERVAL_MS)
  poll()
}

async function update ($state, { afterUpdate, poll }) {
  let $next
  try {
    const response = await fetch(window.location.href, {
      credentials: 'same-origin',
      headers: { Accept: 'text/html' }
    })
    if (!response.ok) {
      return
    }
    const page = new DOMParser().parseFromString(await response.text(), 'text/html')
    $next = page.querySelector('#job-state')
  } catch {
    poll() // a dropped connection: try again
    return
  }
  if (!$next) {
    return // not the import's page any more (the sign-in page, say)
  }

  const statusBefore = statusOf($state)
  $state.replaceChildren(...$next.childNodes)
  hideRefreshLinks($state)
  afterUpdate($state)
  const status = statusOf($state)
  if (status !== statusBefore) {
    document.querySelector('[data-job-announcement]').textContent = `Status: ${status}`
  }
  if ($next.dataset.module === 'app-job-progress') {
    poll()
  } else {
    delete $state.dataset.module
  }
}

function statusOf ($state) {
  return $state.querySelector('[data-job-status]')?.textContent.trim() ?? ''
}

function hideRefreshLinks ($state) {
  for (const $element of $state.querySelectorAll('[data-job-refresh]')) {
    $element.hidden = true
  }
}

// Calls the Gantry API from console pages. The session cookie authenticates; a refusal becomes an Error
// carrying the problem document's detail, which the page shows as it is.
export async function api(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, options);
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error(data?.detail ?? `${response.status} ${response.statusText}`);
  }
  return data;
}

/// Fetches a fragment of server-rendered HTML (rows of a table) for a live refresh.
export async function fragment(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.text();
}

/// Calls `action` at most once per `milliseconds`, after the last request to.
export function debounce(action, milliseconds) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, milliseconds);
  };
}

/**
 * GraphiQL's page script (served as a file, see graphiql.ts): sign in against cognito-local with
 * USER_PASSWORD_AUTH, as the dashboard does locally, then render GraphiQL sending the ID token as
 * the raw Authorization header. The session lives in this origin's sessionStorage only.
 */
(function () {
  const config = JSON.parse(document.getElementById('scc-graphiql-config').textContent);
  const SESSION = 'scc-graphiql-session';
  const banner = document.getElementById('scc-banner');
  const root = document.getElementById('root');

  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: (_moduleId, label) =>
      `${config.assets}${label === 'editorWorkerService' ? 'editor' : label}.worker.js`,
  };

  const session = () => {
    try {
      const s = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
      return s && typeof s.idToken === 'string' ? s : null;
    } catch {
      return null;
    }
  };

  async function signIn(email, password) {
    const res = await fetch(config.cognitoEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: config.userPoolClientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    });
    const body = await res.json().catch(() => ({}));
    const token = body.AuthenticationResult && body.AuthenticationResult.IdToken;
    if (!res.ok || !token) throw new Error(body.message || 'Sign-in failed.');
    sessionStorage.setItem(SESSION, JSON.stringify({ email, idToken: token }));
  }

  function el(tag, props, ...children) {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  }

  function showSignIn(problem) {
    const list = el('datalist', { id: 'scc-users' }, ...config.users.map((u) => el('option', { value: u })));
    const email = el('input', {
      type: 'email',
      name: 'email',
      required: true,
      autocomplete: 'username',
      value: config.users[0] || '',
    });
    email.setAttribute('list', 'scc-users');
    const password = el('input', {
      type: 'password',
      name: 'password',
      required: true,
      autocomplete: 'current-password',
    });
    const error = el('p', { role: 'alert', textContent: problem || '' });
    const form = el(
      'form',
      { id: 'scc-sign-in' },
      el('h1', { textContent: 'Sign in to the local API' }),
      el('label', {}, 'Email ', email),
      list,
      ' ',
      el('label', {}, 'Password ', password),
      ' ',
      el('button', { type: 'submit', textContent: 'Sign in' }),
      error,
    );
    form.style.cssText = 'font:15px system-ui,sans-serif;max-width:40rem;margin:2rem auto';
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.textContent = '';
      signIn(email.value, password.value).then(show, (err) => {
        error.textContent = err.message;
      });
    });
    banner.textContent = 'Local AppSync — not signed in.';
    root.replaceChildren(form);
  }

  function showGraphiQL(s) {
    const out = el('a', { href: '#', textContent: 'Sign out' });
    out.style.color = '#bfe3ff';
    out.addEventListener('click', (e) => {
      e.preventDefault();
      sessionStorage.removeItem(SESSION);
      location.reload();
    });
    banner.replaceChildren(`Local AppSync — signed in as ${s.email}. `, out);
    root.replaceChildren();
    self.YogaGraphiQL.renderYogaGraphiQL(root, {
      title: 'Ship Captain Crew — local AppSync',
      endpoint: config.endpoint,
      headers: JSON.stringify({ Authorization: s.idToken }, null, 2),
      defaultQuery: config.defaultQuery,
      shouldPersistHeaders: false,
    });
  }

  function show() {
    const s = session();
    if (s) showGraphiQL(s);
    else showSignIn();
  }

  show();
})();

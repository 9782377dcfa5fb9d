// The save page: runs on our origin only, so the tokens never reach the page the image came from.
(function () {
  "use strict";

  var ACCESS_KEY = "pinmark.accessToken";
  var REFRESH_KEY = "pinmark.refreshToken";
  var USERNAME_KEY = "pinmark.username";
  // Refresh a little before expiry so a slow request does not arrive with a dead token.
  var EXPIRY_MARGIN_MS = 30 * 1000;

  var LOGIN = "mutation Login($input: LoginInput!) { login(input: $input) {" +
    " token refreshToken user { username } errors { field code message } } }";
  var REFRESH = "mutation Refresh($input: RefreshTokenInput!) { refreshToken(input: $input) {" +
    " token refreshToken errors { code message } } }";
  var REVOKE = "mutation Revoke($input: RevokeTokenInput!) { revokeToken(input: $input) {" +
    " revoked errors { code message } } }";
  var BOOKMARK = "mutation Bookmark($input: BookmarkImageInput!) { bookmarkImage(input: $input) {" +
    " image { id slug title thumbnail { url } file { url } } errors { field code message } } }";

  var loginForm = document.getElementById("login-form");
  var bookmarkForm = document.getElementById("bookmark-form");
  if (!loginForm || !bookmarkForm) {
    return;
  }
  var endpoint = loginForm.dataset.graphql;
  var messages = document.getElementById("messages");
  var saved = document.getElementById("saved");
  var refreshing = null;

  function SignedOut(message) {
    this.message = message;
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return window.sessionStorage;
    }
  }

  function storeSession(token, refreshToken, username) {
    var store = storage();
    store.setItem(ACCESS_KEY, token);
    store.setItem(REFRESH_KEY, refreshToken);
    if (username) {
      store.setItem(USERNAME_KEY, username);
    }
  }

  function forgetSession() {
    var store = storage();
    [ACCESS_KEY, REFRESH_KEY, USERNAME_KEY].forEach(function (key) { store.removeItem(key); });
  }

  function expiresAt(token) {
    try {
      var payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(atob(payload)).exp * 1000;
    } catch (e) {
      return 0;
    }
  }

  function graphql(query, variables, token) {
    var headers = { "Content-Type": "application/json" };
    if (token) {
      headers.Authorization = "Bearer " + token;
    }
    return fetch(endpoint, {
      method: "POST",
      headers: headers,
      credentials: "omit",
      body: JSON.stringify({ query: query, variables: variables }),
    }).then(function (response) {
      return response.json().then(
        function (body) { return { status: response.status, body: body }; },
        function () { throw new Error("The server answered " + response.status + "."); }
      );
    });
  }

  function isUnauthenticated(result) {
    return (result.body.errors || []).some(function (error) {
      return error.extensions && error.extensions.code === "UNAUTHENTICATED";
    });
  }

  function topLevelError(result) {
    var errors = result.body.errors || [];
    return errors.length ? new Error(errors[0].message) : null;
  }

  function refreshSession() {
    var refreshToken = storage().getItem(REFRESH_KEY);
    if (!refreshToken) {
      return Promise.reject(new SignedOut("Sign in to save images."));
    }
    if (!refreshing) {
      refreshing = graphql(REFRESH, { input: { refreshToken: refreshToken } })
        .then(function (result) {
          var payload = result.body.data && result.body.data.refreshToken;
          if (!payload || payload.errors.length || !payload.token) {
            forgetSession();
            throw new SignedOut("Your session has ended: sign in again.");
          }
          storeSession(payload.token, payload.refreshToken);
          return payload.token;
        })
        .finally(function () { refreshing = null; });
    }
    return refreshing;
  }

  function accessToken() {
    var token = storage().getItem(ACCESS_KEY);
    if (token && expiresAt(token) - EXPIRY_MARGIN_MS > Date.now()) {
      return Promise.resolve(token);
    }
    return refreshSession();
  }

  // Runs an authenticated operation; a token refused by the server (revoked, password changed)
  // gets one refresh and one retry.
  function authenticated(query, variables) {
    return accessToken()
      .then(function (token) { return graphql(query, variables, token); })
      .then(function (result) {
        if (!isUnauthenticated(result)) {
          return result;
        }
        storage().removeItem(ACCESS_KEY);
        return refreshSession().then(function (token) {
          return graphql(query, variables, token);
        });
      })
      .then(function (result) {
        if (isUnauthenticated(result)) {
          forgetSession();
          throw new SignedOut("Your session has ended: sign in again.");
        }
        return result;
      });
  }

  function show(texts) {
    messages.replaceChildren();
    texts.forEach(function (text) {
      var line = document.createElement("p");
      line.textContent = text;
      messages.appendChild(line);
    });
    messages.hidden = texts.length === 0;
  }

  function markInvalid(form, errors) {
    Array.prototype.forEach.call(form.elements, function (element) {
      element.removeAttribute("aria-invalid");
    });
    errors.forEach(function (error) {
      var element = error.field && form.elements.namedItem(error.field);
      if (element && element.setAttribute) {
        element.setAttribute("aria-invalid", "true");
      }
    });
  }

  function showUserErrors(form, errors) {
    markInvalid(form, errors);
    show(errors.map(function (error) { return error.message; }));
  }

  // In development the page carries a hint for a refused private address (the server's
  // IMAGE_FETCH_ALLOWED_HOSTS); elsewhere there is none.
  function showAllowedHostHint(errors) {
    var hint = document.getElementById("allowed-host-hint");
    if (hint) {
      hint.hidden = !errors.some(function (error) { return error.code === "FORBIDDEN_URL"; });
    }
  }

  function busy(form, isBusy) {
    form.querySelector("button[type=submit]").disabled = isBusy;
    form.setAttribute("aria-busy", String(isBusy));
  }

  function showLogin(message) {
    bookmarkForm.hidden = true;
    loginForm.hidden = false;
    show(message ? [message] : []);
    loginForm.elements.username.focus();
  }

  function showBookmarkForm() {
    loginForm.hidden = true;
    bookmarkForm.hidden = false;
    document.getElementById("username").textContent = storage().getItem(USERNAME_KEY) || "you";
    bookmarkForm.elements.title.focus();
  }

  function showSaved(image) {
    bookmarkForm.hidden = true;
    showAllowedHostHint([]);
    document.getElementById("preview").hidden = true;
    show([]);
    var link = document.getElementById("saved-link");
    link.href = image.file.url;
    link.textContent = image.title;
    var thumbnail = document.getElementById("saved-thumbnail");
    thumbnail.src = image.thumbnail.url;
    thumbnail.alt = image.title;
    saved.hidden = false;
  }

  function failed(form, error) {
    if (error instanceof SignedOut) {
      showLogin(error.message);
    } else {
      show([error.message || "Pinmark could not be reached: try again."]);
    }
  }

  function logIn(event) {
    event.preventDefault();
    var form = loginForm;
    busy(form, true);
    var input = { username: form.elements.username.value, password: form.elements.password.value };
    graphql(LOGIN, { input: input })
      .then(function (result) {
        var error = topLevelError(result);
        if (error) {
          throw error;
        }
        var payload = result.body.data.login;
        if (payload.errors.length) {
          showUserErrors(form, payload.errors);
          return;
        }
        form.elements.password.value = "";
        storeSession(payload.token, payload.refreshToken, payload.user.username);
        show([]);
        showBookmarkForm();
      })
      .catch(function (error) { failed(form, error); })
      .finally(function () { busy(form, false); });
  }

  function bookmark(event) {
    event.preventDefault();
    var form = bookmarkForm;
    busy(form, true);
    var input = {
      url: form.elements.url.value,
      title: form.elements.title.value,
      description: form.elements.description.value,
    };
    authenticated(BOOKMARK, { input: input })
      .then(function (result) {
        var error = topLevelError(result);
        if (error) {
          throw error;
        }
        var payload = result.body.data.bookmarkImage;
        if (payload.errors.length) {
          showUserErrors(form, payload.errors);
          showAllowedHostHint(payload.errors);
        } else {
          showSaved(payload.image);
        }
      })
      .catch(function (error) { failed(form, error); })
      .finally(function () { busy(form, false); });
  }

  function signOut() {
    var refreshToken = storage().getItem(REFRESH_KEY);
    forgetSession();
    showLogin("Signed out.");
    if (refreshToken) {
      graphql(REVOKE, { input: { refreshToken: refreshToken } }).catch(function () {});
    }
  }

  loginForm.addEventListener("submit", logIn);
  bookmarkForm.addEventListener("submit", bookmark);
  document.getElementById("sign-out").addEventListener("click", signOut);

  if (storage().getItem(REFRESH_KEY)) {
    showBookmarkForm();
  } else {
    showLogin();
  }
})();

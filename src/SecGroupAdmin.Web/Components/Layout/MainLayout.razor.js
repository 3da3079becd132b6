// Remembers the light/dark choice for a year, for every page of the app (ThemeCookie reads it while prerendering).
export function rememberTheme(dark) {
    document.cookie = `sga-theme=${dark ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax`;
}

// The skip link: the page's content takes the focus, so the next Tab goes to its first control.
export function focusMainContent() {
    const main = document.getElementById('main-content');
    main.focus();
    main.scrollIntoView();
}

/* The lrnotes book in the browser (book/_ext/lrnotes_book.py adds this file to every page).
 *
 * - Search: the theme's search button, search field and Ctrl+K open Pagefind's UI (the index
 *   and the UI are written to _build/html/pagefind/ by the build). Pagefind loads the index
 *   of the page's <html lang>, so results are in the reader's language. From file:// the
 *   browser refuses to load the index: the dialog says how to serve the book instead.
 * - The theme's buttons, titles and labels in the page's language.
 * - Print: exercise solutions and hidden cells open, then close again after printing.
 */
(() => {
  "use strict";

  const lang = (document.documentElement.lang || "en").slice(0, 2);
  const STRINGS = {
    ko: {
      "Search": "검색",
      "Search this book...": "이 책에서 검색...",
      "Toggle primary sidebar": "목차 열기/닫기",
      "Toggle secondary sidebar": "이 페이지 목차 열기/닫기",
      "Download this page": "이 페이지 내려받기",
      "Download source file": "원본 파일 내려받기",
      "Print to PDF": "PDF로 인쇄",
      "Fullscreen mode": "전체 화면",
      "Color mode": "색상 모드",
      "Light": "밝게",
      "Dark": "어둡게",
      "System Settings": "시스템 설정",
      "Link to this heading": "이 제목으로 연결",
      "Toggle hidden content": "숨긴 내용 펼치기/접기",
      "previous page": "이전 페이지",
      "next page": "다음 페이지",
      "previous": "이전",
      "next": "다음",
      "Contents": "이 페이지의 내용",
      "Main": "목차",
      "Page": "페이지",
      "Launch interactive content": "다른 곳에서 실행",
      "Launch on Binder": "Binder에서 실행",
      "Launch on Colab": "Colab에서 실행",
      "Source repository": "소스 저장소",
      "Index": "색인",
      "Version warning": "버전 경고",
      "file": "검색은 웹 서버에서 연 책에서만 동작합니다. 책 폴더에서 `python3 -m http.server -d _build/html` 을 실행하고 http://localhost:8000 을 여세요.",
    },
    zh: {
      "Search": "搜索",
      "Search this book...": "在本书中搜索……",
      "Toggle primary sidebar": "显示/隐藏目录",
      "Toggle secondary sidebar": "显示/隐藏本页目录",
      "Download this page": "下载本页",
      "Download source file": "下载源文件",
      "Print to PDF": "打印为 PDF",
      "Fullscreen mode": "全屏",
      "Color mode": "颜色模式",
      "Light": "浅色",
      "Dark": "深色",
      "System Settings": "跟随系统",
      "Link to this heading": "链接到此标题",
      "Toggle hidden content": "显示/隐藏内容",
      "previous page": "上一页",
      "next page": "下一页",
      "previous": "上一页",
      "next": "下一页",
      "Contents": "本页内容",
      "Main": "目录",
      "Page": "页面",
      "Launch interactive content": "在其他环境中运行",
      "Launch on Binder": "在 Binder 中运行",
      "Launch on Colab": "在 Colab 中运行",
      "Source repository": "源代码仓库",
      "Index": "索引",
      "Version warning": "版本警告",
      "file": "搜索只能在通过网络服务器打开的书中使用。请在书的目录中运行 `python3 -m http.server -d _build/html`，然后打开 http://localhost:8000。",
    },
    en: {
      "file": "Search works only when the book is served over http: run `python3 -m http.server -d _build/html` in the book's folder and open http://localhost:8000.",
    },
  };
  const strings = STRINGS[lang] || STRINGS.en;
  const t = (text) => strings[text] || STRINGS.en[text] || text;

  const root = new URL(document.documentElement.dataset.content_root || "./", window.location.href);

  /* ---- the theme's chrome in the page's language ------------------------------------------ */
  const localise = () => {
    if (lang === "en") return;
    for (const attr of ["title", "aria-label", "placeholder", "data-bs-original-title"]) {
      document.querySelectorAll(`[${attr}]`).forEach((el) => {
        const value = el.getAttribute(attr);
        if (strings[value]) el.setAttribute(attr, strings[value]);
      });
    }
    const textSelectors = [
      ".search-button__default-text",
      ".prev-next-subtitle",
      ".onthispage",
      ".bd-sidebar-secondary .page-toc .tocsection",
      "summary .admonition-title",
    ];
    document.querySelectorAll(textSelectors.join(",")).forEach((el) => {
      el.childNodes.forEach((node) => {
        const text = node.nodeType === Node.TEXT_NODE ? node.textContent.trim() : "";
        if (text && strings[text]) node.textContent = node.textContent.replace(text, strings[text]);
      });
    });
  };

  /* ---- search ------------------------------------------------------------------------------ */
  let searchReady = null;
  const loadPagefind = () => {
    if (searchReady) return searchReady;
    searchReady = new Promise((resolve, reject) => {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("pagefind/pagefind-ui.css", root).href;
      document.head.appendChild(css);
      const script = document.createElement("script");
      script.src = new URL("pagefind/pagefind-ui.js", root).href;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error("pagefind-ui.js did not load"));
      document.head.appendChild(script);
    });
    return searchReady;
  };

  let ui = null;
  const searchDialog = () => {
    let dialog = document.getElementById("lrnotes-search-dialog");
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.id = "lrnotes-search-dialog";
    dialog.className = "lrnotes-search-dialog";
    dialog.setAttribute("aria-label", t("Search"));
    dialog.innerHTML = '<div id="lrnotes-search" class="lrnotes-search"></div>';
    dialog.addEventListener("click", (event) => {
      const box = dialog.getBoundingClientRect();
      const outside =
        event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
      if (outside && event.clientX !== 0) dialog.close();
    });
    // Escape closes the dialog even when Pagefind's field has the focus (it keeps Escape for itself).
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") dialog.close();
    });
    document.body.appendChild(dialog);
    return dialog;
  };

  const openSearch = (query) => {
    const dialog = searchDialog();
    const box = dialog.querySelector("#lrnotes-search");
    if (!dialog.open) dialog.showModal();
    if (window.location.protocol === "file:") {
      box.innerHTML = "";
      const note = document.createElement("p");
      note.className = "lrnotes-search-unavailable";
      note.textContent = t("file");
      box.appendChild(note);
      return;
    }
    loadPagefind()
      .then(() => {
        if (!ui) {
          ui = new window.PagefindUI({
            element: "#lrnotes-search",
            bundlePath: new URL("pagefind/", root).href,
            baseUrl: root.pathname,
            showSubResults: true,
            showImages: false,
            resetStyles: false,
            autofocus: true,
          });
        }
        if (query) ui.triggerSearch(query);
        const input = box.querySelector("input");
        if (input) input.focus();
      })
      .catch((error) => {
        box.textContent = `${t("file")} (${error.message})`;
      });
  };
  window.lrnotesOpenSearch = openSearch;

  // Take the theme's search button, field and shortcut (capture phase: before the theme's handlers).
  document.addEventListener(
    "click",
    (event) => {
      const button = event.target.closest && event.target.closest(".search-button__button, .search-button-field");
      if (!button) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      openSearch();
    },
    true,
  );
  window.addEventListener(
    "keydown",
    (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        event.stopImmediatePropagation();
        openSearch();
      }
    },
    true,
  );
  // Should the theme open its own search dialog anyway, open Pagefind's instead.
  const watchThemeDialog = () => {
    const themeDialog = document.getElementById("pst-search-dialog");
    if (!themeDialog) return;
    new MutationObserver(() => {
      if (themeDialog.open) {
        themeDialog.close();
        openSearch();
      }
    }).observe(themeDialog, { attributes: true, attributeFilter: ["open"] });
  };

  /* ---- print ------------------------------------------------------------------------------- */
  let closedBeforePrint = [];
  window.addEventListener("beforeprint", () => {
    closedBeforePrint = Array.from(document.querySelectorAll("article details:not([open])"));
    closedBeforePrint.forEach((details) => details.setAttribute("open", ""));
  });
  window.addEventListener("afterprint", () => {
    closedBeforePrint.forEach((details) => details.removeAttribute("open"));
    closedBeforePrint = [];
  });

  const start = () => {
    localise();
    watchThemeDialog();
    // Sphinx's own search page (search.html?q=...) shows Pagefind's results too.
    const params = new URLSearchParams(window.location.search);
    if (document.getElementById("search-results") && params.get("q")) openSearch(params.get("q"));
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

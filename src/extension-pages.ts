/** Our own pages' paths in the package (as the build lays them out), for `browser.runtime.getURL`. */
export const WELCOME_PAGE = 'src/ui/welcome/index.html';
export const OPTIONS_PAGE = 'src/ui/options/index.html';

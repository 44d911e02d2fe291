# JSON for the peer tests, read with jsonlite (Debian's r-cran-jsonlite). Objects become
# named lists and arrays lists, as written; a JSON null becomes NA so the checks can
# compare it with R's NA.
json_parse <- function(text) {
  na_for_null <- function(x) {
    if (is.null(x)) NA_real_ else if (is.list(x)) lapply(x, na_for_null) else x
  }
  na_for_null(jsonlite::fromJSON(text, simplifyVector = FALSE))
}

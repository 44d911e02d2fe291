# A small JSON reader for the peer tests (base R has none, and jsonlite is not a
# dependency). Objects become named lists, arrays lists, null NULL -> NA on access.
json_parse <- function(text) {
  pattern <- '"(?:[^"\\\\]|\\\\.)*"|-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null|[][{}:,]'
  tokens <- regmatches(text, gregexpr(pattern, text, perl = TRUE))[[1]]
  pos <- 1L
  nxt <- function() { t <- tokens[pos]; pos <<- pos + 1L; t }
  value <- function() {
    t <- nxt()
    if (t == "{") {
      out <- list()
      if (tokens[pos] == "}") { pos <<- pos + 1L; return(out) }
      repeat {
        key <- unescape(nxt())
        stopifnot(nxt() == ":")
        v <- value()
        out[key] <- list(v)
        sep <- nxt()
        if (sep == "}") return(out)
        stopifnot(sep == ",")
      }
    } else if (t == "[") {
      out <- list()
      if (tokens[pos] == "]") { pos <<- pos + 1L; return(out) }
      repeat {
        out[[length(out) + 1L]] <- value()
        sep <- nxt()
        if (sep == "]") return(out)
        stopifnot(sep == ",")
      }
    } else if (t == "true") TRUE
    else if (t == "false") FALSE
    else if (t == "null") NA_real_
    else if (substr(t, 1, 1) == '"') unescape(t)
    else as.numeric(t)
  }
  unescape <- function(s) {
    s <- substr(s, 2L, nchar(s) - 1L)
    s <- gsub('\\\\"', '"', s)
    gsub("\\\\\\\\", "\\\\", s)
  }
  value()
}

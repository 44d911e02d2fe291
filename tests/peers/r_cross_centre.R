# Compares the outcome report's comparison of centres adjusted for case mix (`regenpath
# stats cross-centre`, which runs compute_outcome_report) with R on the same generated
# registry: glm(family = binomial) for responders at 6 months and coxph(ties = "efron") for
# survival free of joint replacement, both on age band, KL grade and cell source as
# factors with an "unknown" level; each centre's expected count is the sum of
# predict(type = "response") or predict(type = "expected") over its joints. Required to
# 1e-6. Usage: Rscript r_cross_centre.R REGENPATH_BINARY
args <- commandArgs(trailingOnly = TRUE)
bin <- args[1]
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "r_json.R"))
suppressMessages(library(survival))

checks <- 0L
failures <- 0L
worst <- 0
check <- function(label, ours, theirs, tol = 1e-6) {
  checks <<- checks + 1L
  ours <- as.numeric(ours); theirs <- as.numeric(theirs)
  ok <- length(ours) == length(theirs) && all(is.na(ours) == is.na(theirs))
  if (ok) {
    keep <- !is.na(theirs)
    d <- abs(ours[keep] - theirs[keep]) / pmax(1, abs(theirs[keep]))
    if (length(d)) worst <<- max(worst, d)
    ok <- all(d <= tol)
  }
  if (!ok) {
    failures <<- failures + 1L
    cat(sprintf("MISMATCH %s\n  ours:  %s\n  R:     %s\n", label,
                paste(format(ours, digits = 17), collapse = " "), paste(format(theirs, digits = 17), collapse = " ")))
  }
}
num <- function(x) if (is.null(x)) NA_real_ else as.numeric(x)

# A registry with a case mix that differs by centre, some facts unknown, conversions to
# hip replacement (some before 6 months: known non-responders) and censoring.
registry <- function(n, seed) {
  set.seed(seed)
  centre <- sample(c("isfahan", "mashhad", "shiraz", "tehran-sina", "tehran-shariati"), n, replace = TRUE,
                   prob = c(0.1, 0.15, 0.2, 0.25, 0.3))
  age_band <- sample(9:14, n, replace = TRUE)
  age_band[centre == "mashhad"] <- sample(12:14, sum(centre == "mashhad"), replace = TRUE)
  kl <- sample(1:4, n, replace = TRUE, prob = c(0.15, 0.4, 0.35, 0.1))
  source <- rbinom(n, 1, 0.4)  # 0 bone marrow, 1 adipose
  age_band[runif(n) < 0.03] <- -1
  kl[runif(n) < 0.08] <- -1
  source[runif(n) < 0.05] <- -1
  klv <- ifelse(kl < 0, 2.5, kl)
  lp <- 1.0 - 0.12 * pmax(age_band - 9, 0) - 0.5 * (klv - 2) + 0.2 * (source == 0) + ifelse(centre == "shiraz", -0.5, 0)
  responded <- rbinom(n, 1, plogis(lp))
  hazard <- 0.0004 * exp(0.45 * (klv - 2) + 0.05 * pmax(age_band - 9, 0) + ifelse(centre == "mashhad", 0.4, 0))
  replaced <- rexp(n, hazard)
  censor <- runif(n, 200, 1500)
  days <- floor(pmin(replaced, censor))
  event <- as.integer(replaced <= censor)
  data.frame(centre, age_band, kl_grade = kl, cell_source = source, days, event, responded, stringsAsFactors = FALSE)
}

level_names <- function(d) {
  list(age_band = ifelse(d$age_band < 0, "unknown", paste0(d$age_band * 5, "-", d$age_band * 5 + 4)),
       kl_grade = ifelse(d$kl_grade < 0, "unknown", as.character(d$kl_grade)),
       cell_source = ifelse(d$cell_source < 0, "unknown", c("bone_marrow", "adipose")[pmax(d$cell_source, 0) + 1]))
}

# The design with each factor's reference as ours names it, so the ratios are the same terms.
design <- function(d, terms) {
  lv <- level_names(d)
  out <- data.frame(row.names = seq_len(nrow(d)))
  for (f in names(lv)) {
    ref <- unique(sapply(Filter(function(t) t$factor == f, terms), function(t) t$reference))
    out[[f]] <- relevel(factor(lv[[f]]), ref = ref)
  }
  out
}

compare <- function(label, ours, fit, expected_rows, observed_rows, centre, ratio_of, ci_of) {
  terms <- ours$terms
  names_r <- sapply(terms, function(t) paste0(t$factor, t$level))
  check(paste(label, "odds/hazard ratios"), sapply(terms, function(t) num(t$ratio)), ratio_of(fit)[names_r])
  ci <- ci_of(fit)
  check(paste(label, "lower"), sapply(terms, function(t) num(t$lower)), exp(ci[names_r, 1]))
  check(paste(label, "upper"), sapply(terms, function(t) num(t$upper)), exp(ci[names_r, 2]))
  labels <- sapply(ours$units, function(u) u$label)
  e <- tapply(expected_rows, centre, sum)[labels]
  o <- tapply(observed_rows, centre, sum)[labels]
  check(paste(label, "expected"), sapply(ours$units, function(u) num(u$expected)), e)
  check(paste(label, "observed"), sapply(ours$units, function(u) num(u$observed)), o, 0)
  check(paste(label, "O/E"), sapply(ours$units, function(u) num(u$ratio)), o / e)
  crude <- sum(observed_rows) / length(observed_rows)
  check(paste(label, "adjusted rate"), sapply(ours$units, function(u) num(u$adjusted_rate)), o / e * crude)
  check(paste(label, "n"), c(ours$n, ours$events), c(length(observed_rows), sum(observed_rows)), 0)
}

for (cfg in list(list(n = 3000, seed = 20261204), list(n = 800, seed = 15))) {
  d <- registry(cfg$n, cfg$seed)
  path <- tempfile("rp-cross-centre-", fileext = ".csv")
  write.csv(d, path, row.names = FALSE, quote = FALSE)
  out <- suppressWarnings(system2(bin, c("stats", "cross-centre", "--csv", path), stdout = TRUE, stderr = TRUE))
  unlink(path)
  if (!is.null(attr(out, "status"))) stop("regenpath failed: ", paste(out, collapse = "\n"))
  ours <- json_parse(paste(out, collapse = ""))
  label <- sprintf("n=%d", cfg$n)
  if (!isTRUE(ours$responders$adjusted) || !isTRUE(ours$survival$adjusted)) stop(label, ": no adjusted figure")

  # Responders: replaced before 6 months is a known non-responder.
  status <- ifelse(d$event == 1 & d$days <= 183, 0L, d$responded)
  x <- design(d, ours$responders$terms)
  lf <- glm(status ~ ., data = cbind(x, status = status), family = binomial)
  compare(paste(label, "glm"), ours$responders, lf, fitted(lf), status, d$centre,
          function(f) exp(coef(f)), function(f) confint.default(f))

  x <- design(d, ours$survival$terms)
  cf <- coxph(Surv(d$days, d$event) ~ ., data = x, ties = "efron")
  compare(paste(label, "coxph"), ours$survival, cf, predict(cf, type = "expected"), d$event, d$centre,
          function(f) exp(coef(f)), function(f) confint(f))
}
cat(sprintf("cross-centre: %d of %d comparisons with R agree (largest relative difference %.3g)\n",
            checks - failures, checks, worst))
if (failures > 0 || checks == 0) quit(status = 1)

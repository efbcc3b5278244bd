;;; emacs_eglot.el --- Emacs (batch) + eglot as a real LSP client of `awesome-ls serve'.
;; Opens a list with `eglot-workspace-configuration' turning the whitespace rule off and
;; checks that the very first diagnostics eglot receives already follow it (no burst of
;; whitespace notes before the configuration arrives), then that a key word error is there.
;; Inputs (environment): LIST_FILE (inside a Git repository), PATH holding `awesome-ls'.
;; Exit code 0 on success, 1 on failure.

(require 'eglot)
(require 'cl-lib)

(defun awesome-fail (fmt &rest args)
  (princ (concat "FAIL: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(add-to-list 'eglot-server-programs '(text-mode . ("awesome-ls" "serve")))
(setq-default eglot-workspace-configuration '(:awesomeLs (:rules (:whitespace "off"))))

(defvar awesome-publishes nil "Every publishDiagnostics eglot handled, newest first.")
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (push (plist-get params :diagnostics) awesome-publishes))))

(defun awesome-codes (diagnostics)
  (mapcar (lambda (d) (plist-get d :code)) (append diagnostics nil)))

(find-file (getenv "LIST_FILE"))
(text-mode)
(add-hook 'text-mode-hook #'eglot-ensure)
(eglot-ensure)
(run-hooks 'post-command-hook)

(with-timeout (30 (awesome-fail "no diagnostics within 30 s"))
  (while (null awesome-publishes) (accept-process-output nil 0.05)))
;; Anything else that arrives right after the first publish.
(accept-process-output nil 0.5)

(let* ((first (car (last awesome-publishes)))
       (codes (awesome-codes first)))
  (when (member "whitespace" codes)
    (awesome-fail "the first diagnostics hold %d whitespace notes although eglot-workspace-configuration turns the rule off (%d publishes)"
                  (cl-count "whitespace" codes :test #'equal) (length awesome-publishes)))
  (unless (member "keyword-label" codes)
    (awesome-fail "no keyword-label in the first diagnostics: %S" codes))
  (dolist (p awesome-publishes)
    (when (member "whitespace" (awesome-codes p))
      (awesome-fail "a later publish holds whitespace notes")))
  (princ (format "ok: %d publishes, the first with %d diagnostics and no whitespace note\n"
                 (length awesome-publishes) (length codes))))
(kill-emacs 0)

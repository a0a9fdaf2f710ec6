;;; eglot_test.el --- Emacs + eglot as a real LSP client of the cloud-config language server  -*- lexical-binding: t -*-
;;
;;   CLOUD_CONFIG_SERVER=dist/server.js emacs --batch -Q -l test/emacs/eglot_test.el FILE
;;
;; FILE must hold the fixture with the classic mistakes (test/emacs/fixtures/user-data); the test
;; edits its buffer and never saves it.  Every check prints `ok NAME' or `FAIL NAME: WHY' on stdout;
;; the last line is `emacs-eglot: N passed, M failed'.  Exit status 0 when all passed, 1 otherwise.
;; Environment: CLOUD_CONFIG_SERVER (path to dist/server.js), NODE (node binary, default `node'),
;; EGLOT_TEST_TIMEOUT (seconds per wait, default 15).

(require 'package)
;; Debian's elpa-eglot installs into the system package folder, which -Q leaves out.
(dolist (dir '("/usr/share/emacs/site-lisp/elpa" "/usr/share/emacs/site-lisp/elpa-src"))
  (when (file-directory-p dir) (add-to-list 'package-directory-list dir)))
(package-initialize)
(require 'cl-lib)
(require 'subr-x)
(require 'flymake)
(require 'eglot)

(defvar cc-test-passed 0)
(defvar cc-test-failed 0)
(defvar cc-test-timeout (string-to-number (or (getenv "EGLOT_TEST_TIMEOUT") "15")))
(when (<= cc-test-timeout 0) (setq cc-test-timeout 15))

(defun cc-test-say (line)
  (princ (concat line "\n")))

(defun cc-test-check (name ok &optional why)
  (if ok
      (progn (setq cc-test-passed (1+ cc-test-passed)) (cc-test-say (concat "ok " name)))
    (setq cc-test-failed (1+ cc-test-failed))
    (cc-test-say (format "FAIL %s: %s" name (or why "")))))

(defun cc-test-finish ()
  (cc-test-say (format "emacs-eglot: %d passed, %d failed" cc-test-passed cc-test-failed))
  (kill-emacs (if (> cc-test-failed 0) 1 0)))

;; A major mode of our own: the server decides what the document is from the language id eglot
;; derives from the mode name (`cloud-config').
(define-derived-mode cloud-config-mode prog-mode "Cloud-Config")
(add-to-list 'auto-mode-alist '("/user-data\\'" . cloud-config-mode))

(setq eglot-server-programs
      `((cloud-config-mode . (,(or (getenv "NODE") "node") ,(getenv "CLOUD_CONFIG_SERVER") "--stdio"))))
(setq eglot-sync-connect cc-test-timeout
      eglot-autoshutdown nil
      eglot-events-buffer-size 0
      flymake-no-changes-timeout nil)

;; The file's folder is the project root (no VCS in the temporary folder).
(add-hook 'project-find-functions (lambda (dir) (cons 'transient (file-name-directory (expand-file-name dir)))))

(defun cc-test-wait (pred)
  "Pump the server's messages until PRED holds or the timeout passes; return PRED's value."
  (let ((deadline (+ (float-time) cc-test-timeout))
        (value nil))
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      ;; eglot sends buffer changes from an idle timer, and idle timers never fire in batch mode.
      (when (bound-and-true-p eglot--managed-mode) (eglot--signal-textDocument/didChange))
      (accept-process-output nil 0.1)
      (when (bound-and-true-p flymake-mode) (flymake-start)))
    value))

(defun cc-test-codes ()
  "The rule codes of the buffer's current flymake diagnostics (eglot writes `source [code]: message')."
  (let (codes)
    (dolist (d (flymake-diagnostics))
      (let ((text (flymake-diagnostic-text d)))
        (when (string-match "\\[\\([a-z0-9-]+/[a-z0-9-]+\\)\\]" text)
          (push (match-string 1 text) codes))))
    (sort codes #'string<)))

(defun cc-test-goto (regexp)
  (goto-char (point-min))
  (when (re-search-forward regexp nil t) (goto-char (match-beginning 0)) t))

(defun cc-test-apply-action (kind pred beg end)
  "Request code actions of KIND between BEG and END; apply the first whose title matches PRED."
  (let* ((actions (eglot-code-actions beg end kind))
         (action (cl-find-if (lambda (a) (funcall pred (plist-get a :title))) actions)))
    (when (and action (plist-get action :edit))
      (eglot--apply-workspace-edit (plist-get action :edit))
      (plist-get action :title))))

(defun cc-test-run ()
  (let ((server-path (getenv "CLOUD_CONFIG_SERVER")))
    (unless (and server-path (file-exists-p server-path))
      (cc-test-check "server found" nil (format "CLOUD_CONFIG_SERVER=%s" server-path))
      (cc-test-finish)))
  (cc-test-check "fixture loaded" (and (eq major-mode 'cloud-config-mode) (string-prefix-p "coreos:" (buffer-string)))
                 (format "mode %s" major-mode))

  (apply #'eglot (eglot--guess-contact))
  (let ((server (cc-test-wait #'eglot-current-server)))
    (unless (cc-test-check "server started" server) (cc-test-finish)))

  ;; Diagnostics.
  (let ((codes (cc-test-wait (lambda () (let ((c (cc-test-codes))) (and (member "cloud-config/firewall-not-loaded" c) c))))))
    (cc-test-check "diagnostics arrived" codes (format "%S" (cc-test-codes)))
    (dolist (code '("cloud-config/header" "cloud-config/unknown-key" "cloud-config/unquoted-permissions" "cloud-config/firewall-not-loaded"))
      (cc-test-check (concat "diagnostic " code) (member code codes) (format "%S" codes))))
  (let ((d (cl-find-if (lambda (d) (string-match-p "\\[cloud-config/unknown-key\\]" (flymake-diagnostic-text d))) (flymake-diagnostics))))
    (cc-test-check "unknown-key range is `enabled'"
                   (and d (equal (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)) "enabled"))
                   (and d (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)))))

  ;; Hover on `enable' of app.service.
  (cc-test-goto "^      enable: true")
  (forward-char 8)
  (let* ((hover (ignore-errors (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams))))
         (contents (plist-get hover :contents))
         (text (if (stringp contents) contents (plist-get contents :value))))
    (cc-test-check "hover on enable" (and text (string-match-p "\\[Install\\]" text)) (format "%S" hover)))

  ;; Completion on a new blank line of the docker.service item, through eglot's completion-at-point.
  (cc-test-goto "^    - name: docker.service")
  (end-of-line)
  (insert "\n      ")
  (let* ((capf (eglot-completion-at-point))
         (labels (and capf (all-completions "" (nth 2 capf)))))
    (cc-test-check "completion offers content" (member "content" labels) (format "%S" labels))
    (cc-test-check "completion omits the present command" (not (member "command" labels)) (format "%S" labels)))
  (delete-region (line-end-position 0) (line-end-position)) ; remove the blank line again
  (goto-char (point-min))

  ;; A quick fix: rename `enabled' to `enable'.
  (cc-test-wait (lambda () (member "cloud-config/unknown-key" (cc-test-codes))))
  (cc-test-goto "enabled: true")
  (let ((title (cc-test-apply-action "quickfix" (lambda (title) (string-match-p "enable" title)) (point) (+ (point) 7))))
    (cc-test-check "code action for enabled" title "no quick fix for enabled")
    (cc-test-check "code action applied" (save-excursion (goto-char (point-min)) (re-search-forward "^      enable: true\n      command: start\n    - name: app" nil t))
                   (buffer-string)))
  (cc-test-check "unknown-key gone after the fix"
                 (cc-test-wait (lambda () (not (member "cloud-config/unknown-key" (cc-test-codes)))))
                 (format "%S" (cc-test-codes)))

  ;; Fix all.
  (let ((title (cc-test-apply-action "source.fixAll.cloud-config" #'identity (point-min) (point-max))))
    (cc-test-check "fix-all action" title "no source.fixAll.cloud-config action"))
  (cc-test-check "header inserted" (string-prefix-p "#cloud-config\n" (buffer-string)) (buffer-substring 1 40))
  (cc-test-check "permissions quoted" (string-match-p "^    permissions: \"0644\"$" (buffer-string)) (buffer-string))
  (cc-test-check "iptables-restore.service added" (string-match-p "^    - name: iptables-restore\\.service$" (buffer-string)) (buffer-string))
  (cc-test-check "no classic findings after fix-all"
                 (cc-test-wait (lambda () (null (cl-intersection (cc-test-codes) '("cloud-config/header" "cloud-config/unknown-key" "cloud-config/unquoted-permissions" "cloud-config/firewall-not-loaded") :test #'equal))))
                 (format "%S" (cc-test-codes)))

  (set-buffer-modified-p nil)
  (eglot-shutdown (eglot-current-server))
  (cc-test-check "server shut down" (not (eglot-current-server)))
  (cc-test-finish))

(run-with-timer (* 8 cc-test-timeout) nil (lambda () (cc-test-say "FAIL overall time limit reached") (kill-emacs 1)))

(condition-case err
    (progn
      (find-file (car (last command-line-args)))
      (cc-test-run))
  (error (cc-test-check "no Lisp error" nil (error-message-string err))
         (cc-test-finish)))

import Domain
import TerminalUI

/// Keys and answers of the sign-in screen, the first-account screen and the idle lock.
enum SignInUpdate {
    /// Whether the key hides the screen at once (the privacy key, from the key table).
    static func isPrivacyKey(_ key: Key) -> Bool {
        Keymap.bindings.contains { $0.action == .lockScreen && $0.keys.contains(key) }
    }

    /// Hides the screen (idle or the privacy key); what was on it, unsaved forms included, stays in the state.
    static func lock(_ state: inout AppState) -> [Command] {
        guard state.lock == nil, state.signIn == nil else { return [] }
        state.lock = LockScreen()
        return [.lockSession]
    }

    static func key(_ state: inout AppState, _ key: Key) -> [Command] {
        if state.lock != nil { return lockKey(&state, key) }
        guard var form = state.signIn, !form.checking else { return [] }
        defer { state.signIn = form }
        if case .char(let c) = key, !c.isNewline {
            form[form.focus].insert(c)
            form.error = nil
            return []
        }
        let fields = form.fields
        let index = fields.firstIndex(of: form.focus) ?? 0
        switch Keymap.action(for: key, in: [.signIn], textEntry: true) {
        case .quit?:
            state.running = false
        case .nextField?:
            form.focus = fields[(index + 1) % fields.count]
        case .previousField?:
            form.focus = fields[(index + fields.count - 1) % fields.count]
        case .erase?:
            form[form.focus].backspace()
        case .clearField?:
            form[form.focus].clear()
        case .submit?:
            if let empty = fields.first(where: { form[$0].text.isEmpty && !SignInForm.optional.contains($0) }) {
                form.focus = empty
                return []
            }
            if form.mode == .firstAccount, form.password.text != form.again.text {
                form.error = state.strings[.userPasswordMismatch]
                form.password.clear(); form.again.clear(); form.focus = .password
                return []
            }
            // The community's name is checked here, before the account is made: empty leaves it unset.
            var community: String?
            if form.mode == .firstAccount, !form.community.text.trimmingWhitespace.isEmpty {
                switch CommunitySetting.communityName.check(form.community.text) {
                case .success(let name):
                    community = name
                case .failure(let problem):
                    form.error = state.strings.describe(problem)
                    form.focus = .community
                    return []
                }
            }
            form.checking = true
            form.error = nil
            let name = form.name.text.trimmingCharacters(in: .whitespaces)
            return form.mode == .signIn ? [.signIn(name: name, password: form.password.text)]
                : [.createCoordinator(name: name, password: form.password.text, community: community)]
        default:
            break
        }
        return []
    }

    static func lockKey(_ state: inout AppState, _ key: Key) -> [Command] {
        guard var lock = state.lock, !lock.checking else { return [] }
        defer { state.lock = lock }
        if case .char(let c) = key, !c.isNewline {
            lock.password.insert(c)
            lock.error = nil
            return []
        }
        switch Keymap.action(for: key, in: [.signIn], textEntry: true) {
        case .quit?: state.running = false
        case .erase?: lock.password.backspace()
        case .clearField?: lock.password.clear()
        case .submit?:
            guard !state.accountsInUse || !lock.password.text.isEmpty else { return [] }
            lock.checking = true
            return [.unlock(password: lock.password.text)]
        default: break
        }
        return []
    }

    /// The runtime's answers.
    static func message(_ state: inout AppState, _ msg: Msg) -> [Command] {
        switch msg {
        case .signedIn(let principal):
            let first = state.signIn != nil
            state.principal = principal
            state.signIn = nil
            state.lock = nil
            return first ? Update.start(&state) : []
        case .signInRefused(let text):
            if state.lock != nil {
                state.lock?.checking = false
                state.lock?.error = text
                state.lock?.password.clear()
            } else {
                state.signIn?.checking = false
                state.signIn?.error = text
                state.signIn?.password.clear()
                state.signIn?.again.clear()
                if state.signIn?.name.text.isEmpty == false { state.signIn?.focus = .password }
            }
            return []
        case .unlocked:
            state.lock = nil
            return []
        default:
            return []
        }
    }
}

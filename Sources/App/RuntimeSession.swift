import Domain
import Foundation
import Storage

/// Signing in, the first account, the idle lock and reveals: the commands that change or record who is
/// at the terminal.
extension Runtime {
    func executeSession(_ command: Command) throws -> Msg {
        switch command {
        case let .signIn(name, password):
            do {
                let account = try database.authenticate(name: name, password: password, now: clock())
                let p = Principal(name: account.name, role: account.role, mentorID: account.mentorID)
                session.signIn(p)
                return .signedIn(p)
            } catch is SignInFailure {
                return .signInRefused(strings[.userSignInFailed])
            }
        case let .createCoordinator(name, password, community):
            // Only while the database has no account at all: otherwise this would be a way in.
            guard session.needsPassword, session.principal == nil, try !database.hasUsers() else { return denied }
            // Checked first, so a refused name creates no account (the screen checked it already).
            if let community, case .failure(let problem) = CommunitySetting.communityName.check(community) {
                return .signInRefused(strings.describe(problem))
            }
            do {
                try database.addUser(name: name, role: .coordinator, password: password, now: clock(), actor: name)
            } catch let error as UserError {
                return .signInRefused(describe(error))
            }
            let p = Principal.coordinator(name.trimmingCharacters(in: .whitespaces))
            if let community {
                try database.setCommunitySetting(.communityName, to: community, actor: p.name, timestamp: now())
            }
            session.signIn(p)
            return .signedIn(p)
        case .lockSession:
            session.lock()
            return .none
        case .unlock(let password):
            guard let p = session.principal else { return denied }
            if session.needsPassword {
                do {
                    _ = try database.authenticate(name: p.name, password: password, now: clock())
                } catch is SignInFailure {
                    return .signInRefused(strings[.userSignInFailed])
                }
            }
            session.unlock()
            return .unlocked
        case .recordReveal(let id):
            try database.recordAccess(.reveal, entityID: id, childID: id, actor: actor, timestamp: now())
            return .none
        default:
            return .none
        }
    }

    func describe(_ error: UserError) -> String {
        switch error {
        case .emptyName: return strings[.userErrorEmptyName]
        case .passwordTooShort(let minimum): return strings.format(.userErrorPasswordShort, minimum)
        case .duplicateName, .unknownUser, .mentorRequired, .mentorNotAllowed, .unknownMentor: return strings[.accessDenied]
        }
    }
}

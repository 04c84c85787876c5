import Domain
import TerminalUI

/// Draws the whole screen from the state. Pure: the same state always gives the same buffer.
public enum View {
    public static func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        if state.isTooSmall {
            drawTooSmall(state, into: &buffer)
            return buffer
        }
        let (headerRow, rest) = buffer.area.splitTop(1)
        let (tabRow, body0) = rest.splitTop(1)
        let (body, statusRow) = body0.splitBottom(1)
        if state.lock != nil || state.signIn != nil {
            // Nothing of the records: the program's name, the fields, the keys.
            buffer.fill(headerRow, style: Theme.header)
            buffer.put(state.strings[.appName], x: 1, y: headerRow.y, style: Theme.header)
            if state.lock != nil {
                SignInView.renderLock(state, into: &buffer, area: body0)
            } else {
                SignInView.render(state, into: &buffer, area: body0)
            }
            drawStatusBar(state, into: &buffer, area: statusRow)
            return buffer
        }
        drawHeader(state, into: &buffer, area: headerRow)
        drawTabs(state, into: &buffer, area: tabRow)
        if state.showHelp {
            HelpView.render(state, into: &buffer, area: body)
        } else if state.form != nil {
            FormView.render(state, into: &buffer, area: body)
        } else if state.mentorForm != nil {
            MentorFormUpdate.render(state, into: &buffer, area: body)
        } else if state.semesterForm != nil {
            SemesterFormUpdate.render(state, into: &buffer, area: body)
        } else if state.contactForm != nil {
            ContactFormUpdate.render(state, into: &buffer, area: body)
        } else if state.pairingEndForm != nil {
            PairingEnding.render(state, into: &buffer, area: body)
        } else if state.activityForm != nil {
            ActivityFormUpdate.render(state, into: &buffer, area: body)
        } else if let picker = state.attendancePicker {
            AttendanceUpdate.render(state, picker, into: &buffer, area: body)
        } else if let picker = state.pairPicker {
            MentorsView.renderPicker(state, picker, into: &buffer, area: body)
        } else if state.screen == .mentors {
            MentorsView.render(state, into: &buffer, area: body)
        } else if state.screen == .calendar {
            CalendarView.render(state, into: &buffer, area: body)
        } else if state.screen == .obligations {
            ObligationsView.render(state, into: &buffer, area: body)
        } else if state.screen == .reports {
            ReportsView.render(state, into: &buffer, area: body)
        } else if state.detail != nil {
            DetailView.render(state, into: &buffer, area: body)
        } else {
            RosterView.render(state, into: &buffer, area: body)
        }
        if let prompt = state.prompt, !state.showHelp {
            let row = Rect(x: 0, y: statusRow.y - 1, width: state.size.width, height: 1)
            buffer.fill(row, style: Theme.promptLine)
            var field: TextField?
            switch prompt {
            case .growthNote: field = state.noteField
            case .overrideCapacity: field = state.pairPicker?.overrideReason
            default: field = nil
            }
            // A question with a field to type in leaves the field a third of the line (at least 20
            // columns): at 80 columns the capacity question took the whole line and hid what was typed.
            let textWidth = field == nil ? row.width - 2 : max(10, min(row.width - 2, row.width * 2 / 3 - 2))
            let x = 1 + buffer.put(promptText(prompt, state), x: 1, y: row.y, style: Theme.promptLine, maxWidth: textWidth)
            buffer.cursor = nil
            if let field {
                let width = max(10, row.width - x - 2)
                let (shown, col) = field.visible(width: width)
                buffer.putPadded(shown, x: x + 1, y: row.y, width: width, style: Style(underline: true))
                buffer.cursor = (x + 1 + col, row.y)
            }
        }
        drawStatusBar(state, into: &buffer, area: statusRow)
        return buffer
    }

    /// Which form a draft offered back at start is: its title, as the form shows it
    /// (`新增儿童`, `修改档案：张三`, `新增帮扶人`, `记录帮扶`…).
    static func offeredDraftName(_ state: AppState) -> String {
        let s = state.strings
        func named(_ title: String, _ name: String) -> String { name.isEmpty ? title : s.format(.draftNamed, title, name) }
        if let form = state.offeredDraft {
            switch form.mode {
            case .add: return named(s[.formAddTitle], form.value(.name))
            case .edit: return s.format(.formEditTitle, form.value(.name))
            case .sweep(_, _, let saved): return s.format(.formSweepTitle, saved)
            }
        }
        if let form = state.offeredMentorDraft {
            if case .edit = form.mode { return s.format(.mentorFormEditTitle, form.value(.name)) }
            return named(s[.mentorFormAddTitle], form.value(.name))
        }
        if state.offeredContactDraft != nil { return s[.contactDraftName] }
        return s[.formAddTitle]
    }

    static func promptText(_ prompt: Prompt, _ state: AppState) -> String {
        let s = state.strings
        switch prompt {
        case .discardChanges: return s[.promptDiscard]
        case .duplicateID: return s[.promptDuplicateID]
        case .possibleDuplicate(let n): return s.format(.promptPossibleDuplicate, n)
        case .conflict: return s[.promptConflict]
        case .restoreDraft(let at):
            return s.format(.promptRestoreDraft, String(at.prefix(16)).replacingOccurrences(of: "T", with: " "), offeredDraftName(state))
        case .archiveReason: return s[.promptArchive]
        case .restore: return s[.promptRestore]
        case .growthNote: return s[.promptNote]
        case .overrideCapacity(let limit): return s.format(.promptOverride, limit)
        case .reassign: return s[.promptReassign]
        case .markMentorLeft: return s[.promptMarkLeft]
        case .cancelActivity: return s[.promptCancelActivity]
        case .deleteActivity: return s[.promptDeleteActivity]
        case .activityScope: return s[.promptActivityScope]
        case let .deleteContact(row, partner):
            return s.format(.promptDeleteContact, s.label("ckind", row.contact.kind), row.contact.date.description, partner)
        case .contactConflict: return s[.promptContactConflict]
        case .endPairing(let r):
            return s.format(.pairingEndConfirm, r.childName, r.mentorName, r.on.description, s.label("pend", r.reason))
        }
    }

    /// The line above a list: the search field while searching (or filtering), else a hint.
    static func drawSearchLine(_ state: AppState, query: String, searching: Bool, result: String, hint: String,
                               into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        guard searching || !query.isEmpty else {
            buffer.put(hint, x: area.x + 1, y: area.y, style: Theme.hint)
            return
        }
        var x = area.x + 1
        x += buffer.put(s[.searchPrompt], x: x, y: area.y, style: Theme.prompt) + 1
        x += buffer.put(query, x: x, y: area.y, style: Style(underline: true))
        if searching { buffer.put("▏", x: x, y: area.y, style: Theme.prompt); x += 1 }
        buffer.put("  " + result, x: x, y: area.y, style: Theme.hint)
    }

    static func drawTooSmall(_ state: AppState, into buffer: inout Buffer) {
        let text = state.strings.format(.tooSmall, state.size.width, state.size.height)
        let lines = text.split(separator: "\n").map(String.init)
        let y0 = max(0, state.size.height / 2 - lines.count / 2)
        for (i, line) in lines.enumerated() {
            let w = TextWidth.of(line)
            buffer.put(line, x: max(0, (state.size.width - w) / 2), y: y0 + i, style: Theme.title)
        }
    }

    static func drawHeader(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        buffer.fill(area, style: Theme.header)
        var x = area.x + 1
        x += buffer.put(s[.appName], x: x, y: area.y, style: Theme.header) + 1
        if let summary = state.summary {
            // The counts matter more than the community's name: when both do not fit, the name is cut.
            var counts = s.format(.headerCounts, summary.activeChildren, summary.unpaired, summary.archivedChildren)
            if state.accountsInUse {
                // Who is signed in, so a shared terminal never hides whose session it is.
                counts = s.format(.signInWelcome, state.principal.name, s.label("urole", state.principal.role)) + "  " + counts
            }
            let demo = summary.isDemo ? " " + s[.demoMark] + " " : ""
            let name = summary.communityName.isEmpty ? "" : "· " + summary.communityName
            // Counts and date with the whole name, else counts with the whole name, else counts and a cut name.
            let leftWidth = x + TextWidth.of(name) + (name.isEmpty ? 0 : 1) + TextWidth.of(demo) + 1
            let options = [counts + "  " + state.today.description, counts]
            let right = options.first { leftWidth + TextWidth.of($0) < area.maxX } ?? counts
            let rightWidth = TextWidth.of(right)
            if !name.isEmpty {
                let room = max(0, area.maxX - 2 - rightWidth - TextWidth.of(demo) - x - 2)
                x += buffer.put(name, x: x, y: area.y, style: Theme.header, maxWidth: min(TextWidth.of(name), room)) + 1
            }
            if !demo.isEmpty { x += buffer.put(demo, x: x, y: area.y, style: Theme.demoMark) + 1 }
            if area.maxX - 1 - rightWidth > x {
                buffer.put(right, x: area.maxX - 1 - rightWidth, y: area.y, style: Theme.header)
            }
        }
    }

    static func drawTabs(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        var x = area.x
        for screen in ScreenID.allCases {
            let label = " \(screen.rawValue) " + state.strings[screen.title] + " "
            x += buffer.put(label, x: x, y: area.y, style: screen == state.screen ? Theme.tabActive : Theme.tabInactive) + 1
        }
    }

    /// Key hints for the active contexts, generated from the key table, fitted to the width.
    static func drawStatusBar(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        buffer.fill(area, style: Theme.statusBar)
        var seenActions = Set<Action>()
        var seenKeys = Set<Key>()
        let typing = state.isTextEntry
        // (key, label, is it a global binding) in key-table order.
        var items: [(String, String, Bool)] = []
        for context in state.keyContexts {
            for b in Keymap.bindings(in: context) where b.inStatusBar && !seenActions.contains(b.action) && state.allows(b.action) {
                if b.action == .nextHousehold, state.form?.isSweep != true { continue }
                // The archive question is answered with a number (its text lists them), not yes or no.
                if b.action == .yes, state.prompt == .archiveReason { continue }
                // While typing, character keys go into the field: show another key or nothing.
                guard let key = b.keys.first(where: { k in
                    if seenKeys.contains(k) { return false }
                    if typing, case .char = k { return false }
                    return true
                }) else { continue }
                seenActions.insert(b.action)
                seenKeys.insert(key)
                items.append((key.description, state.strings[b.label], context == .global))
            }
        }
        func width(_ item: (String, String, Bool)) -> Int { TextWidth.of(item.0) + 1 + TextWidth.of(item.1) + 2 }
        // Help and quit always show, at the right; the screen's own keys fill from the left.
        let globals = items.filter(\.2)
        var right = area.maxX - globals.reduce(0) { $0 + width($1) }
        var x = area.x + 1
        for item in items where !item.2 {
            guard x + width(item) <= right else { break }
            x += buffer.put(item.0, x: x, y: area.y, style: Theme.statusKey) + 1
            x += buffer.put(item.1, x: x, y: area.y, style: Theme.statusBar) + 2
        }
        right = max(right, x)
        for item in globals {
            guard right + width(item) <= area.maxX + 2 else { break }
            right += buffer.put(item.0, x: right, y: area.y, style: Theme.statusKey) + 1
            right += buffer.put(item.1, x: right, y: area.y, style: Theme.statusBar) + 2
        }
    }

}

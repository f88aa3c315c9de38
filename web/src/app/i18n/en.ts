import { accessMessages } from './messages/access';
import { accountMessages } from './messages/account';
import { authMessages } from './messages/auth';
import { recordsMessages } from './messages/records';
import { duplicatesMessages } from './messages/duplicates';
import { importsMessages } from './messages/imports';
import { pipelineMessages } from './messages/pipeline';
import { workspaceMessages } from './messages/workspace';

/** A plain message, or plural forms chosen by Intl.PluralRules from the `count` param. */
export type MessageValue = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);

// English catalog — the source of truth for message keys. Other locales translate
// these keys; a missing key falls back to English. Larger areas keep their messages in
// ./messages/<area>.ts.
const catalog = {
  'app.name': 'Meridian',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',

  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'nav.contacts': 'Contacts',
  'nav.settings': 'Settings',
  'nav.open': 'Open navigation',

  'shell.workspace': 'Workspace',
  'shell.userMenu': '{initials}: account menu for {name}',
  'shell.logOut': 'Log out',
  'shell.profile': 'Profile',
  'shell.security': 'Security',
  'theme.toDark': 'Switch to dark theme',
  'theme.toLight': 'Switch to light theme',

  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.optional': 'optional',
  'common.done': 'Done',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.copyFailed': 'Copying is blocked in this browser: select the text and copy it by hand.',
  'common.error.title': 'Something went wrong',
  'common.error.network': 'We could not reach the server. Check your connection and try again.',
  'common.error.unexpected': 'An unexpected error occurred. Please try again.',
  'common.error.tooManyNoTime': 'Too many attempts. Wait a moment, then try again.',
  'common.error.tooManySeconds': {
    one: 'Too many attempts. Try again in {count} second.',
    other: 'Too many attempts. Try again in {count} seconds.',
  },
  'common.error.tooManyMinutes': {
    one: 'Too many attempts. Try again in {count} minute.',
    other: 'Too many attempts. Try again in {count} minutes.',
  },
  'common.error.tryAgainNow': 'You can try again now.',

  'validation.required': '{field} is required',
  'validation.email': 'Enter a valid email address, like name@company.com',
  'validation.passwordLength': 'Use at least {min} characters',
  'validation.tooLong': 'Use at most {max} characters',
  'validation.phone': 'Include the country code, e.g. +1 415 555 0100',
  'validation.passwordsDiffer': 'The two passwords do not match',

  'auth.email': 'Email',
  'auth.password': 'Password',
  'auth.name': 'Your name',
  'auth.workspaceName': 'Workspace name',
  'auth.workspaceName.help': 'Usually your company or team name',
  'auth.password.help': 'At least {min} characters',
  'auth.showPassword': 'Show password',
  'auth.hidePassword': 'Hide password',
  'auth.signUp.title': 'Create your workspace',
  'auth.signUp.subtitle': 'Start managing contacts in minutes. No credit card.',
  'auth.signUp.submit': 'Create account',
  'auth.signUp.haveAccount': 'Already have an account?',
  'auth.signUp.emailTaken': 'An account with this email already exists. Log in instead?',
  'auth.logIn.title': 'Log in to Meridian',
  'auth.logIn.subtitle': 'Welcome back.',
  'auth.logIn.submit': 'Log in',
  'auth.logIn.noAccount': 'New to Meridian?',
  'auth.logIn.badCredentials': 'That email and password do not match an account.',
  'auth.logIn.tooMany': 'Too many attempts. Wait a moment and try again.',
  'auth.link.logIn': 'Log in',
  'auth.link.signUp': 'Create an account',
  'auth.sessionExpired': 'Your session expired. Please log in again.',

  'home.title': 'Home',
  'home.greeting': 'Welcome, {name}',
  'home.subtitle': 'Here is what is happening in {workspace}.',
  'home.contacts.label': 'Contacts',
  'home.contacts.caption': 'Created to date',
  'home.cta.create': 'Create contact',
  'home.cta.viewAll': 'View all contacts',
  'home.empty.title': 'Add your first contact',
  'home.empty.body': 'Contacts are the people you sell to. Add one to see your activity chart come alive.',
  'home.empty.readOnly': 'Contacts your team adds will show up here.',

  'reports.contactsCreated.title': 'Contacts created',
  'reports.contactsCreated.subtitle': 'Per day, last {days} days',
  'reports.contactsCreated.total': 'Total in this period',
  'reports.contactsCreated.series': 'Contacts created',
  'reports.contactsCreated.chartLabel': 'Bar chart of contacts created per day over the last {days} days. {total} in total.',
  'reports.contactsCreated.day': 'Day',
  'reports.contactsCreated.count': 'Contacts created',
  'reports.contactsCreated.lagNote': 'Updates a few seconds after changes.',

  'contacts.title': 'Contacts',
  'contacts.create': 'Create contact',
  'contacts.tableLabel': 'Contacts',
  'contacts.column.name': 'Name',
  'contacts.column.email': 'Email',
  'contacts.column.phone': 'Phone',
  'contacts.column.company': 'Company',
  'contacts.column.created': 'Created',
  'contacts.loadMore': 'Load more',
  'contacts.showing': { one: 'Showing {count} contact', other: 'Showing {count} contacts' },
  'contacts.showingAll': { one: 'Showing {count} contact', other: 'Showing all {count} contacts' },
  'contacts.empty.title': 'No contacts yet',
  'contacts.empty.body': 'Create your first contact to start tracking the people you work with.',
  'contacts.empty.readOnly': 'Contacts your team adds will show up here. Your role can view contacts but not create them.',
  'contacts.loadError': 'Contacts could not be loaded.',
  'contacts.none': '—',

  'contacts.form.title': 'Create contact',
  'contacts.form.firstName': 'First name',
  'contacts.form.lastName': 'Last name',
  'contacts.form.email': 'Email',
  'contacts.form.phone': 'Phone',
  'contacts.form.phone.help': 'With country code, e.g. +44 20 7946 0958',
  'contacts.form.companyName': 'Company',
  'contacts.form.submit': 'Create contact',
  'contacts.form.duplicateEmail': 'A contact with this email already exists.',
  'contacts.created': '{name} was added to your contacts',
  'contacts.created.view': 'View',

  ...authMessages,
  ...accountMessages,
  ...accessMessages,
  ...workspaceMessages,
  ...recordsMessages,
  ...pipelineMessages,
  ...importsMessages,
  ...duplicatesMessages,
} satisfies Record<string, MessageValue>;

export type MessageKey = keyof typeof catalog;
export type Messages = Record<MessageKey, MessageValue>;
export const en: Messages = catalog;

/**
 * Naxt Corp's internal-process knowledge base, written for the workshop. Every fact is a sentence of its
 * article and the source of question/answer pairs: the chatbot lab checks answers against these facts.
 */
export interface Fact {
  /** How colleagues ask it (two or three ways). */
  questions: string[];
  /** The answer in Naxt's tone. */
  answer: string;
  /** The sentence of the article that states it. */
  sentence: string;
}
export interface Article {
  id: string;
  title: string;
  category: 'IT' | 'Facilities' | 'Travel' | 'Expenses' | 'HR' | 'Security' | 'Finance' | 'Compliance';
  intro: string;
  facts: Fact[];
}

const f = (questions: string[], answer: string, sentence: string): Fact => ({ questions, answer, sentence });

export const articles: Article[] = [
  {
    id: 'kb-laptop-ordering',
    title: 'Ordering a laptop',
    category: 'IT',
    intro: 'Every Naxt employee is entitled to one standard laptop, refreshed on a fixed cycle.',
    facts: [
      f(
        ['How do I order a new laptop?', 'Where do I request a laptop?', 'What is the process to get a laptop?'],
        'You can order a laptop through the IT Service Portal under "Hardware > Laptop request". Please have your manager\'s approval ready.',
        'Laptops are ordered through the IT Service Portal under "Hardware > Laptop request".',
      ),
      f(
        ['Who needs to approve a laptop request?', 'Does my manager have to approve my laptop?'],
        'Your line manager approves the request in the portal; no other approval is needed for a standard model.',
        'A standard laptop request needs only the approval of your line manager.',
      ),
      f(
        ['How long does it take to get a laptop?', 'What is the lead time for a new laptop?'],
        'Standard laptops arrive within 5 business days of approval. Please plan accordingly for new joiners.',
        'The lead time for a standard laptop is 5 business days after approval.',
      ),
      f(
        ['How often are laptops replaced?', 'When am I eligible for a laptop refresh?'],
        'Laptops are refreshed every 3 years; the portal shows your eligibility date.',
        'Laptops are refreshed on a 3-year cycle.',
      ),
      f(
        ['Can I get a high-performance laptop?', 'How do I request a developer laptop?'],
        'High-performance models need an additional approval from your department head and a business justification in the request.',
        'High-performance models require department-head approval and a written business justification.',
      ),
      f(
        ['What do I do with my old laptop?', 'How do I return my old laptop?'],
        'Please return your old laptop to the IT desk within 10 business days of receiving the new one; it is securely wiped there.',
        'Old laptops must be returned to the IT desk within 10 business days of receiving a replacement.',
      ),
    ],
  },
  {
    id: 'kb-office-space',
    title: 'Getting an office space allocated',
    category: 'Facilities',
    intro: 'Desks and offices are allocated by Workplace Services according to team needs and attendance.',
    facts: [
      f(
        ['How do I get an office space allocated?', 'Who do I ask for a desk?', 'How can I request a permanent desk?'],
        'You can request a space through the Workplace Services form on the intranet. Please include your team and expected days in the office.',
        'Office space is requested through the Workplace Services form on the intranet.',
      ),
      f(
        ['Who qualifies for a private office?', 'Can I get my own office?'],
        'Private offices are reserved for managing directors and roles handling confidential client matters, subject to availability.',
        'Private offices are reserved for managing directors and roles handling confidential client matters.',
      ),
      f(
        ['How long does a desk allocation take?', 'When will I hear back about my desk request?'],
        'Workplace Services answers desk requests within 10 business days.',
        'Workplace Services answers desk requests within 10 business days.',
      ),
      f(
        ['Can I book a desk for one day?', 'How do I book a hot desk?'],
        'You can book a hot desk up to 14 days ahead in the Naxt Spaces app.',
        'Hot desks can be booked up to 14 days in advance in the Naxt Spaces app.',
      ),
      f(
        ['How many days must I be in the office to get a fixed desk?', 'What attendance is needed for a dedicated desk?'],
        'A fixed desk is allocated to colleagues who are in the office at least 3 days a week.',
        'Fixed desks go to colleagues who attend the office at least 3 days a week.',
      ),
      f(
        ['Can I book a meeting room?', 'How do I reserve a meeting room for clients?'],
        'Please book meeting rooms in the Naxt Spaces app; client meeting rooms on floor 2 need a 24-hour notice for catering.',
        'Client meeting rooms on floor 2 are booked in the Naxt Spaces app, with 24 hours notice for catering.',
      ),
    ],
  },
  {
    id: 'kb-travel-booking',
    title: 'Booking business travel',
    category: 'Travel',
    intro: "Business travel is booked through Naxt's travel agency so that the duty of care applies.",
    facts: [
      f(
        ['How do I book business travel?', 'Where do I book a flight for work?'],
        'Please book all business travel through the Naxt Travel portal, which is run by our agency.',
        'All business travel is booked through the Naxt Travel portal.',
      ),
      f(
        ['Can I fly business class?', 'When is business class allowed?'],
        'Business class is allowed for flights longer than 6 hours; shorter flights are booked in economy.',
        'Business class is permitted only for flights longer than 6 hours.',
      ),
      f(
        ['How far ahead should I book travel?', 'What is the advance booking rule for flights?'],
        "Please book at least 14 days ahead; later bookings need your manager's approval in the portal.",
        'Trips must be booked at least 14 days ahead, or approved by your manager.',
      ),
      f(
        ['What is the hotel limit?', 'How much can I spend on a hotel?'],
        'The hotel limit is 250 USD per night in most cities and 400 USD in New York, London and Zurich.',
        'Hotels are capped at 250 USD per night, or 400 USD in New York, London and Zurich.',
      ),
      f(
        ['Who approves international travel?', 'Do I need approval to travel abroad?'],
        'International trips need the approval of your department head before booking.',
        'International trips require department-head approval before booking.',
      ),
      f(
        ['What if my flight is cancelled?', 'Who do I call when travel goes wrong?'],
        "You can call the agency's 24/7 line shown on your itinerary; they rebook you at no extra approval.",
        "The agency's 24/7 line, printed on every itinerary, handles cancellations and rebooking.",
      ),
    ],
  },
  {
    id: 'kb-expense-claims',
    title: 'Submitting expense claims',
    category: 'Expenses',
    intro: 'Out-of-pocket business expenses are reimbursed through the expense system.',
    facts: [
      f(
        ['How do I submit an expense claim?', 'Where do I claim my expenses?'],
        'You can submit claims in Concur with a photo of each receipt; they are paid with the next payroll run.',
        'Expense claims are submitted in Concur with a photo of every receipt.',
      ),
      f(
        ['What is the deadline for expense claims?', 'How long do I have to submit expenses?'],
        'Please submit claims within 30 days of the expense; older claims need finance approval.',
        'Claims must be submitted within 30 days of the expense date.',
      ),
      f(
        ['Do I need a receipt for small expenses?', 'Is a receipt required under 25 dollars?'],
        'Receipts are required for every expense of 25 USD or more; below that, a description is enough.',
        'Receipts are required for expenses of 25 USD or more.',
      ),
      f(
        ['What is the meal allowance?', 'How much can I spend on dinner while travelling?'],
        'The meal allowance while travelling is 75 USD per day, alcohol excluded.',
        'The travel meal allowance is 75 USD per day, excluding alcohol.',
      ),
      f(
        ['Can I expense client entertainment?', 'What are the rules for client dinners?'],
        'Client entertainment is reimbursed up to 150 USD per guest and must name the guests and their firm.',
        'Client entertainment is capped at 150 USD per guest and must list guests and their firm.',
      ),
      f(
        ['When will I be reimbursed?', 'How long until my expenses are paid?'],
        'Approved claims are paid with the next monthly payroll.',
        'Approved expenses are reimbursed with the next monthly payroll.',
      ),
    ],
  },
  {
    id: 'kb-vpn-access',
    title: 'Remote access and VPN',
    category: 'IT',
    intro: 'Naxt systems are reached from outside the office through the corporate VPN.',
    facts: [
      f(
        ['How do I connect to the VPN?', 'How can I work remotely on Naxt systems?'],
        'Please use the GlobalProtect client installed on your laptop and sign in with your Naxt credentials and token.',
        'Remote access uses the GlobalProtect VPN client with your Naxt credentials and hardware token.',
      ),
      f(
        ['I lost my VPN token, what do I do?', 'Who replaces a lost security token?'],
        'Please report a lost token to the IT Service Desk at once; a temporary code is issued after identity verification.',
        'Lost tokens are reported to the IT Service Desk, which issues a temporary code after verifying your identity.',
      ),
      f(
        ['Can I use the VPN from abroad?', 'Is VPN access allowed when travelling internationally?'],
        'VPN access from abroad needs a travel notice in the IT Service Portal at least 3 business days before departure.',
        'VPN use from abroad requires a travel notice in the IT Service Portal 3 business days ahead.',
      ),
      f(
        ['Can I use my personal computer for VPN?', 'Is VPN allowed on a personal device?'],
        'The VPN works only on Naxt-managed devices; personal computers cannot connect.',
        'Only Naxt-managed devices may connect to the VPN.',
      ),
      f(
        ['How long does a VPN session last?', 'Why does my VPN disconnect?'],
        'VPN sessions end after 12 hours and must be renewed with your token.',
        'VPN sessions expire after 12 hours.',
      ),
    ],
  },
  {
    id: 'kb-password-reset',
    title: 'Resetting your password',
    category: 'Security',
    intro: 'Naxt passwords protect client data and follow the security policy.',
    facts: [
      f(
        ['How do I reset my password?', 'I forgot my password, what now?'],
        'You can reset it yourself at the Naxt Password portal after answering your security questions.',
        'Passwords are reset at the self-service Naxt Password portal.',
      ),
      f(
        ['How often must I change my password?', 'When does my password expire?'],
        'Passwords expire every 90 days; you will be reminded 14 days before.',
        'Passwords expire every 90 days, with a reminder 14 days before.',
      ),
      f(
        ['What are the password rules?', 'How long must my password be?'],
        'Please use at least 14 characters; the last 10 passwords cannot be reused.',
        'Passwords need at least 14 characters and cannot repeat the last 10.',
      ),
      f(
        ['My account is locked, what do I do?', 'How do I unlock my account?'],
        'Accounts unlock automatically after 30 minutes, or the IT Service Desk can unlock it after verifying your identity.',
        'Locked accounts unlock after 30 minutes or through the IT Service Desk.',
      ),
      f(
        ['Can I share my password with my assistant?', 'Is it allowed to share passwords?'],
        'Passwords must never be shared; delegated access for assistants is requested through the IT Service Portal.',
        'Passwords are never shared; assistants get delegated access through the IT Service Portal.',
      ),
    ],
  },
  {
    id: 'kb-badge-access',
    title: 'Building badges and access',
    category: 'Security',
    intro: 'A personal badge opens the buildings and floors you need.',
    facts: [
      f(
        ['How do I get a building badge?', 'Where do I pick up my access badge?'],
        'New badges are issued at the Security desk in the lobby on your first day, with photo ID.',
        'Badges are issued at the lobby Security desk with photo ID.',
      ),
      f(
        ['I lost my badge, what should I do?', 'Who do I tell about a lost badge?'],
        'Please report it to Security at once so it is deactivated; a replacement costs 25 USD after the first.',
        'Lost badges are reported to Security immediately; replacements after the first cost 25 USD.',
      ),
      f(
        ['How do I get access to another floor?', 'Can I request access to the trading floor?'],
        'Floor access is requested in the IT Service Portal and approved by the floor owner; the trading floor also needs Compliance approval.',
        'Access to other floors is approved by the floor owner, and the trading floor also by Compliance.',
      ),
      f(
        ['Can visitors come in without a badge?', 'How do I register a visitor?'],
        'Please register visitors in the Naxt Spaces app by 5 pm the day before; they collect a visitor badge at Security.',
        'Visitors are registered in Naxt Spaces by 5 pm the day before their visit.',
      ),
      f(
        ['Is the office open on weekends?', 'Can I access the building on Saturday?'],
        'Weekend access is open to badge holders from 8 am to 6 pm; outside those hours, Security must be told in advance.',
        'Badge holders may enter on weekends from 8 am to 6 pm.',
      ),
    ],
  },
  {
    id: 'kb-onboarding',
    title: 'Onboarding a new joiner',
    category: 'HR',
    intro: "Managers prepare a new joiner's first weeks with HR and IT.",
    facts: [
      f(
        ['What should a manager do before a new joiner starts?', 'How do I prepare for a new hire?'],
        'Please raise the onboarding request in the HR portal at least 10 business days before the start date; it triggers laptop, badge and accounts.',
        'Managers raise the onboarding request in the HR portal 10 business days before the start date.',
      ),
      f(
        ['When do new joiners get their accounts?', "When is a new hire's email ready?"],
        'Accounts are ready on the morning of the first day; the credentials are handed over by the manager.',
        "New joiners' accounts are ready on the morning of their first day.",
      ),
      f(
        ['Which trainings must new joiners complete?', 'What mandatory training is there for new staff?'],
        'New joiners complete Code of Conduct, Data Protection and Anti-Money-Laundering training within their first 30 days.',
        'Code of Conduct, Data Protection and Anti-Money-Laundering trainings are due within 30 days of joining.',
      ),
      f(
        ['Is there a buddy program?', 'Do new hires get a mentor?'],
        'Yes: every new joiner is paired with an onboarding buddy from another team for the first 3 months.',
        'Each new joiner has an onboarding buddy from another team for 3 months.',
      ),
      f(
        ['How long is the probation period?', 'What is the probation for new employees?'],
        'The probation period is 6 months, with a review at month 3.',
        'Probation lasts 6 months, with a review after 3 months.',
      ),
    ],
  },
  {
    id: 'kb-annual-leave',
    title: 'Annual leave',
    category: 'HR',
    intro: 'Leave is planned with your manager and recorded in the HR portal.',
    facts: [
      f(
        ['How many vacation days do I get?', 'What is my annual leave entitlement?'],
        'Full-time employees have 25 days of annual leave, plus public holidays.',
        'Full-time employees are entitled to 25 days of annual leave plus public holidays.',
      ),
      f(
        ['How do I request time off?', 'Where do I book my holidays?'],
        'Please request leave in the HR portal; your manager approves it there.',
        'Leave is requested in the HR portal and approved by your manager.',
      ),
      f(
        ['Can I carry over unused leave?', 'What happens to vacation days I did not use?'],
        'You can carry over up to 5 unused days into the first quarter of the next year.',
        'Up to 5 unused days may be carried into the first quarter of the next year.',
      ),
      f(
        ['How far ahead must I ask for long leave?', 'What notice is needed for two weeks off?'],
        'Leave of more than 5 consecutive days should be requested at least 4 weeks ahead.',
        'Leave longer than 5 consecutive days needs 4 weeks notice.',
      ),
      f(
        ['Is there mandatory leave?', 'Do I have to take two weeks in a row?'],
        'Colleagues in regulated roles take 10 consecutive business days of leave each year, as the block-leave policy requires.',
        'Regulated roles must take a block of 10 consecutive business days each year.',
      ),
    ],
  },
  {
    id: 'kb-parental-leave',
    title: 'Parental leave',
    category: 'HR',
    intro: 'Naxt supports parents with paid leave and a flexible return.',
    facts: [
      f(
        ['How much parental leave do I get?', 'What is the parental leave policy?'],
        'Primary caregivers receive 20 weeks of fully paid leave; secondary caregivers receive 6 weeks.',
        'Primary caregivers get 20 weeks of paid leave and secondary caregivers 6 weeks.',
      ),
      f(
        ['When must I tell HR about parental leave?', 'What notice is needed for parental leave?'],
        'Please inform HR and your manager at least 8 weeks before the leave starts.',
        'HR and the manager are informed at least 8 weeks before parental leave.',
      ),
      f(
        ['Can I return part-time after parental leave?', 'Is a phased return possible?'],
        'Yes: a phased return at 60% time for up to 3 months can be agreed with your manager.',
        'A phased return at 60% time for up to 3 months is available.',
      ),
    ],
  },
  {
    id: 'kb-parking',
    title: 'Parking at the headquarters',
    category: 'Facilities',
    intro: 'The headquarters garage has limited spaces, allocated fairly.',
    facts: [
      f(
        ['How do I get a parking space?', 'Can I park at the office?'],
        'Please apply in the Naxt Spaces app; permits are allocated each quarter by ballot.',
        'Parking permits are allocated quarterly by ballot through the Naxt Spaces app.',
      ),
      f(
        ['How much does parking cost?', 'Is parking free for employees?'],
        'A parking permit costs 60 USD per month, deducted from payroll.',
        'Parking permits cost 60 USD per month via payroll.',
      ),
      f(
        ['Are there electric car chargers?', 'Can I charge my EV at work?'],
        'Yes: 20 charging bays on level -1 can be booked for 4 hours at a time in the app.',
        'Level -1 has 20 EV charging bays bookable for 4 hours at a time.',
      ),
      f(
        ['Is there bicycle parking?', 'Where can I leave my bike?'],
        'Secure bicycle parking and showers are on level -1, free with your badge.',
        'Secure bike parking and showers on level -1 are free with a badge.',
      ),
    ],
  },
  {
    id: 'kb-mobile-phone',
    title: 'Company mobile phones',
    category: 'IT',
    intro: 'Client-facing roles get a company phone so that client communication is recorded.',
    facts: [
      f(
        ['Who gets a company phone?', 'Am I eligible for a work mobile?'],
        'Client-facing roles and on-call staff receive a company phone; others may use the Naxt app on a personal phone.',
        'Company phones go to client-facing roles and on-call staff.',
      ),
      f(
        ['How do I order a work phone?', 'Where do I request a company mobile?'],
        'You can order it in the IT Service Portal under "Hardware > Mobile"; it arrives within 3 business days.',
        'Company phones are ordered in the IT Service Portal and arrive within 3 business days.',
      ),
      f(
        ['Can I text clients from my personal phone?', 'Is WhatsApp allowed with clients?'],
        'No: client communication must use recorded channels only, never personal phones or WhatsApp.',
        'Client communication must use recorded channels only, never personal phones or messaging apps.',
      ),
      f(
        ['What do I do if my work phone is lost?', 'My company phone was stolen, what now?'],
        'Please report it to the IT Service Desk within one hour so it can be wiped remotely.',
        'A lost company phone is reported to the IT Service Desk within one hour for a remote wipe.',
      ),
    ],
  },
  {
    id: 'kb-software-request',
    title: 'Requesting software',
    category: 'IT',
    intro: 'Only approved software is installed on Naxt devices.',
    facts: [
      f(
        ['How do I install new software?', 'Can I install an application on my laptop?'],
        'Please request software in the IT Service Portal; approved titles install automatically from the Software Center.',
        'Software is requested in the IT Service Portal and installed from the Software Center.',
      ),
      f(
        ['How long does software approval take?', 'When will my software request be approved?'],
        'Titles already in the catalogue install the same day; new titles need a security review of about 10 business days.',
        'Catalogue software installs the same day; new titles need a security review of about 10 business days.',
      ),
      f(
        ['Can I use a free online tool with client data?', 'Are cloud tools allowed for client documents?'],
        'Client data may only be used in tools approved by Information Security; please ask before using any online tool.',
        'Client data is used only in tools approved by Information Security.',
      ),
      f(
        ['Who pays for software licences?', 'Which cost center pays for software?'],
        "Licences are charged to your department's cost center once your manager approves the request.",
        'Software licences are charged to the requesting department after manager approval.',
      ),
    ],
  },
  {
    id: 'kb-printing',
    title: 'Printing and confidential waste',
    category: 'Facilities',
    intro: 'Printers are shared and release jobs only to your badge.',
    facts: [
      f(
        ['How do I print in the office?', 'Where can I pick up my printouts?'],
        'Send jobs to "Naxt-Secure-Print" and release them at any printer with your badge.',
        'Print jobs go to Naxt-Secure-Print and are released at any printer with a badge.',
      ),
      f(
        ['How do I dispose of confidential papers?', 'Where do I throw away client documents?'],
        'Please use the locked blue confidential waste bins; never the ordinary recycling.',
        'Confidential papers go into the locked blue bins, never ordinary recycling.',
      ),
      f(
        ['Can I print in colour?', 'Is colour printing allowed?'],
        'Colour printing is available for client materials; please print internal documents in black and white.',
        'Colour printing is reserved for client materials.',
      ),
    ],
  },
  {
    id: 'kb-it-support',
    title: 'Getting IT support',
    category: 'IT',
    intro: 'The IT Service Desk helps with any problem with devices, accounts or applications.',
    facts: [
      f(
        ['How do I contact IT support?', 'Who do I call when my computer breaks?'],
        'You can reach the IT Service Desk at extension 4357 or through the IT Service Portal chat, 24/7.',
        'The IT Service Desk is reachable 24/7 at extension 4357 or through the portal chat.',
      ),
      f(
        ['How fast does IT respond?', 'What is the response time for IT tickets?'],
        'Urgent incidents get a response within 30 minutes; standard requests within one business day.',
        'Urgent IT incidents are answered within 30 minutes and standard requests within one business day.',
      ),
      f(
        ['Is there walk-in IT support?', 'Can I bring my laptop to the IT desk?'],
        'Yes: the Tech Bar on floor 3 offers walk-in help from 8 am to 6 pm on business days.',
        'The floor 3 Tech Bar offers walk-in help from 8 am to 6 pm on business days.',
      ),
    ],
  },
  {
    id: 'kb-remote-work',
    title: 'Hybrid and remote work',
    category: 'HR',
    intro: 'Naxt works in a hybrid model agreed within each team.',
    facts: [
      f(
        ['How many days can I work from home?', 'What is the hybrid work policy?'],
        'You can work from home up to 2 days a week, on days agreed with your team.',
        'Employees may work from home up to 2 days a week on days agreed with their team.',
      ),
      f(
        ['Can I work from another country?', 'Is working abroad allowed?'],
        'Working from abroad is allowed for up to 10 days a year with HR and Tax approval in advance.',
        'Working from abroad is limited to 10 days a year with HR and Tax approval.',
      ),
      f(
        ['Do I get equipment for home?', 'Is there a home office allowance?'],
        'Naxt provides a monitor and headset for home, ordered in the IT Service Portal, and a one-off allowance of 300 USD for a chair or desk.',
        'Home workers receive a monitor, a headset and a one-off 300 USD furniture allowance.',
      ),
    ],
  },
  {
    id: 'kb-training-budget',
    title: 'Training and certifications',
    category: 'HR',
    intro: 'Each employee has a yearly learning budget.',
    facts: [
      f(
        ['How much is my training budget?', 'What is the yearly learning allowance?'],
        'Each employee has a learning budget of 2,000 USD per year.',
        'Every employee has a yearly learning budget of 2,000 USD.',
      ),
      f(
        ['How do I book an external course?', 'Where do I request training?'],
        'Please request courses in the Learning portal; your manager approves them before you enrol.',
        'External courses are requested in the Learning portal and approved by the manager before enrolment.',
      ),
      f(
        ['Does Naxt pay for certifications?', 'Are exam fees reimbursed?'],
        'Exam fees for role-related certifications are covered in addition to the learning budget, after you pass.',
        'Role-related certification exam fees are covered on top of the budget once passed.',
      ),
      f(
        ['Do I get study leave?', 'Can I take time off to study for an exam?'],
        'You can take up to 5 days of study leave per year for approved certifications.',
        'Up to 5 days of study leave per year are granted for approved certifications.',
      ),
    ],
  },
  {
    id: 'kb-gifts-hospitality',
    title: 'Gifts and hospitality',
    category: 'Compliance',
    intro: 'Gifts and hospitality must never influence, or appear to influence, a business decision.',
    facts: [
      f(
        ['Can I accept a gift from a client?', 'Is it OK to receive a present from a client?'],
        'You can accept gifts worth up to 100 USD; anything above must be declared in the Compliance register and may need to be returned.',
        'Gifts above 100 USD must be declared in the Compliance register.',
      ),
      f(
        ['How do I declare a gift?', 'Where is the gifts register?'],
        'Please declare gifts and hospitality in the Compliance register on the intranet within 5 business days.',
        'Gifts and hospitality are declared in the Compliance register within 5 business days.',
      ),
      f(
        ['Can I accept tickets to an event?', 'Is hospitality from a vendor allowed?'],
        'Event invitations need pre-approval from Compliance when the value exceeds 250 USD or the host is in a live tender.',
        'Invitations above 250 USD, or from a host in a live tender, need Compliance pre-approval.',
      ),
      f(
        ['Can I give a gift to a client?', 'What is the limit for client gifts?'],
        'Gifts to clients are limited to 100 USD per person per year and must be logged in the CRM.',
        'Gifts to clients are capped at 100 USD per person per year and logged in the CRM.',
      ),
    ],
  },
  {
    id: 'kb-personal-trading',
    title: 'Personal account dealing',
    category: 'Compliance',
    intro: "Employees' own investments follow the personal account dealing policy.",
    facts: [
      f(
        ['Can I trade stocks for myself?', 'What are the rules for personal trading?'],
        'Yes, but you must pre-clear every personal trade in the PAD system before placing it.',
        'Every personal trade must be pre-cleared in the PAD system.',
      ),
      f(
        ['How long must I hold an investment?', 'What is the minimum holding period?'],
        'Personal investments must be held for at least 30 days.',
        'Personal investments have a minimum holding period of 30 days.',
      ),
      f(
        ['Do I need to declare my brokerage accounts?', 'Which accounts must be reported to Compliance?'],
        'Please declare all brokerage accounts you control within 10 days of joining or of opening them.',
        'All controlled brokerage accounts are declared within 10 days of joining or opening.',
      ),
      f(
        ['How long is a pre-clearance valid?', 'When does my trade approval expire?'],
        'A pre-clearance is valid until the end of the next business day.',
        'Pre-clearance is valid until the end of the next business day.',
      ),
    ],
  },
  {
    id: 'kb-data-classification',
    title: 'Classifying and sharing data',
    category: 'Security',
    intro: 'Every document carries one of four labels: Public, Internal, Confidential, Restricted.',
    facts: [
      f(
        ['How do I share a confidential file with a client?', 'What is the safe way to send documents to clients?'],
        'Please use Naxt Secure Share, which encrypts the file and expires the link after 7 days.',
        'Confidential files are shared with clients through Naxt Secure Share, whose links expire after 7 days.',
      ),
      f(
        ['Can I email client data outside Naxt?', 'Is it allowed to send client data to my personal email?'],
        'No: client data must never be sent to personal email addresses or external accounts.',
        'Client data must never be sent to personal or external email accounts.',
      ),
      f(
        ['What does Restricted mean?', 'Which documents are Restricted?'],
        'Restricted covers deal information and client identities under NDA; it is shared only with named people.',
        'Restricted data, such as deal information and client identities under NDA, goes only to named people.',
      ),
      f(
        ['Can I use a USB stick?', 'Are USB drives allowed?'],
        'USB storage is blocked on Naxt laptops; please use Secure Share or OneDrive instead.',
        'USB storage is blocked on Naxt laptops.',
      ),
    ],
  },
  {
    id: 'kb-phishing',
    title: 'Reporting phishing and incidents',
    category: 'Security',
    intro: 'Reporting quickly limits the damage of an attack.',
    facts: [
      f(
        ['What do I do with a suspicious email?', 'How do I report phishing?'],
        'Please use the "Report phishing" button in Outlook; do not click links or forward the email.',
        'Suspicious emails are reported with the Report phishing button in Outlook.',
      ),
      f(
        ['I clicked a phishing link, what now?', 'What if I entered my password on a fake site?'],
        'Please call the IT Service Desk at once at extension 4357 and change your password; quick reporting is never penalised.',
        'Anyone who clicked a phishing link calls the IT Service Desk immediately and changes their password.',
      ),
      f(
        ['How do I report a data breach?', 'Who do I tell if client data was exposed?'],
        'Please report any suspected data breach to the Data Protection Office within 24 hours through the incident form.',
        'Suspected data breaches are reported to the Data Protection Office within 24 hours.',
      ),
    ],
  },
  {
    id: 'kb-corporate-card',
    title: 'Corporate credit card',
    category: 'Finance',
    intro: 'Frequent travellers hold a corporate card for business spending.',
    facts: [
      f(
        ['How do I get a corporate card?', 'Can I apply for a company credit card?'],
        'You can apply in the Finance portal if you travel at least 4 times a year; your manager approves the application.',
        'Employees who travel at least 4 times a year may apply for a corporate card in the Finance portal.',
      ),
      f(
        ['What is the corporate card limit?', 'How much can I spend on the company card?'],
        'The standard monthly limit is 10,000 USD; higher limits need Finance approval.',
        'The corporate card has a standard monthly limit of 10,000 USD.',
      ),
      f(
        ['Can I use the corporate card for personal purchases?', 'Is personal spending allowed on the company card?'],
        'No: personal purchases are not permitted and must be repaid within 5 business days if made by mistake.',
        'Personal purchases on the corporate card are prohibited and repaid within 5 business days if accidental.',
      ),
    ],
  },
  {
    id: 'kb-client-onboarding',
    title: 'Onboarding a new client (KYC)',
    category: 'Compliance',
    intro: 'Every client passes Know-Your-Customer checks before any account is opened.',
    facts: [
      f(
        ['What documents does a new client need?', 'Which documents are required for KYC?'],
        'Please collect a valid passport, a proof of address under 3 months old and a source-of-wealth statement.',
        'KYC needs a passport, a proof of address under 3 months old and a source-of-wealth statement.',
      ),
      f(
        ['How long does client onboarding take?', 'When can a new client account be opened?'],
        'KYC reviews take about 5 business days; high-risk clients need an enhanced review of up to 15 days.',
        'Standard KYC takes about 5 business days and enhanced reviews up to 15.',
      ),
      f(
        ['Who approves a high-risk client?', 'Who signs off on politically exposed persons?'],
        'High-risk clients, including politically exposed persons, are approved by the Head of Compliance.',
        'High-risk clients and politically exposed persons are approved by the Head of Compliance.',
      ),
      f(
        ['How often is KYC refreshed?', 'When must client files be reviewed again?'],
        'Client files are refreshed every 3 years, or every year for high-risk clients.',
        'KYC files are refreshed every 3 years, or yearly for high-risk clients.',
      ),
    ],
  },
  {
    id: 'kb-client-complaints',
    title: 'Handling client complaints',
    category: 'Compliance',
    intro: 'Complaints are recorded and answered within regulatory deadlines.',
    facts: [
      f(
        ['What do I do when a client complains?', 'How do I log a client complaint?'],
        'Please log it in the CRM complaints module on the same day and inform your manager.',
        'Client complaints are logged in the CRM complaints module the same day.',
      ),
      f(
        ['How fast must we answer a complaint?', 'What is the deadline to respond to a complaint?'],
        'Clients receive an acknowledgement within 2 business days and a final answer within 8 weeks.',
        'Complaints get an acknowledgement within 2 business days and a final answer within 8 weeks.',
      ),
      f(
        ['Can I offer compensation to a client?', 'Who approves a goodwill payment?'],
        'Goodwill payments need approval from the Complaints team; please do not promise any amount to the client.',
        'Goodwill payments are approved by the Complaints team only.',
      ),
    ],
  },
  {
    id: 'kb-meeting-recording',
    title: 'Recording client meetings',
    category: 'Compliance',
    intro: 'Advice given to clients is recorded to protect both the client and the advisor.',
    facts: [
      f(
        ['Must client calls be recorded?', 'Do I have to record calls with clients?'],
        'Yes: all calls in which advice is given are recorded on the Naxt telephony system.',
        'All calls in which advice is given are recorded on the Naxt telephony system.',
      ),
      f(
        ['How do I record an in-person meeting?', 'What about face-to-face client meetings?'],
        'Please write a meeting note in the CRM within 2 business days of any in-person meeting.',
        'In-person client meetings are documented in the CRM within 2 business days.',
      ),
      f(
        ['How long are recordings kept?', 'What is the retention period for call recordings?'],
        'Recordings and meeting notes are kept for 7 years.',
        'Call recordings and meeting notes are retained for 7 years.',
      ),
    ],
  },
];

//! Every API operation the client uses, as its schema writes it. Paths are built only from
//! these, and a test checks each against `shared/ovh-api/*.json`.

use crate::method::Method::{Delete, Get, Post, Put};
use crate::path::Operation;

/// Authentication (`auth.json`).
pub mod auth {
    use super::*;

    /// `GET /auth/time`: OVHcloud's clock, unsigned.
    pub const TIME: Operation = Operation::new(Get, "/auth/time").unauthenticated();
    /// `POST /auth/credential`: request a consumer key, with only the application key.
    pub const CREDENTIAL: Operation = Operation::new(Post, "/auth/credential").unauthenticated();
    /// `GET /auth/currentCredential`: the key's state, rules and expiry.
    pub const CURRENT_CREDENTIAL: Operation = Operation::new(Get, "/auth/currentCredential");

    /// `GET /auth/details`: the OVHcloud account (customer identifier) the key acts for.
    pub const DETAILS: Operation = Operation::new(Get, "/auth/details");

    /// Every operation of this module.
    pub const ALL: &[Operation] = &[TIME, CREDENTIAL, CURRENT_CREDENTIAL, DETAILS];
}

/// What Exchange, Email Pro and current MX Plan share: the same shapes under different bases.
macro_rules! hosted_platform {
    (base: $base:literal, account: $account:literal, account_task: $task:literal) => {
        /// `GET` the service.
        pub const SERVICE: Operation = Operation::new(Get, $base);
        /// `GET` the service's domains.
        pub const DOMAINS: Operation = Operation::new(Get, concat!($base, "/domain"));
        /// `GET` one domain, with its state and diagnostics.
        pub const DOMAIN: Operation = Operation::new(Get, concat!($base, "/domain/{domainName}"));
        /// `GET` a domain's footer.
        pub const DISCLAIMER: Operation =
            Operation::new(Get, concat!($base, "/domain/{domainName}/disclaimer"));
        /// `POST` a domain's footer.
        pub const CREATE_DISCLAIMER: Operation =
            Operation::new(Post, concat!($base, "/domain/{domainName}/disclaimer"));
        /// `GET` the accounts (bulk listing gives full objects).
        pub const ACCOUNTS: Operation = Operation::new(Get, concat!($base, "/account"))
            .with_query(&["primaryEmailAddress", "id"]);
        /// `GET` one account.
        pub const ACCOUNT: Operation = Operation::new(Get, concat!($base, "/account/", $account));
        /// `PUT` an account: rename it, or configure a free slot.
        pub const UPDATE_ACCOUNT: Operation =
            Operation::new(Put, concat!($base, "/account/", $account));
        /// `DELETE` an account: it returns to a free slot.
        pub const RESET_ACCOUNT: Operation =
            Operation::new(Delete, concat!($base, "/account/", $account));
        /// `POST` a new password.
        pub const CHANGE_PASSWORD: Operation = Operation::new(
            Post,
            concat!($base, "/account/", $account, "/changePassword"),
        );
        /// `GET` an account's aliases.
        pub const ALIASES: Operation =
            Operation::new(Get, concat!($base, "/account/", $account, "/alias"));
        /// `POST` an alias.
        pub const CREATE_ALIAS: Operation =
            Operation::new(Post, concat!($base, "/account/", $account, "/alias"));
        /// `DELETE` an alias.
        pub const DELETE_ALIAS: Operation = Operation::new(
            Delete,
            concat!($base, "/account/", $account, "/alias/{alias}"),
        );
        /// `GET` the ids of accounts with full access to this one.
        pub const FULL_ACCESS: Operation =
            Operation::new(Get, concat!($base, "/account/", $account, "/fullAccess"));
        /// `POST` a full-access delegation.
        pub const GRANT_FULL_ACCESS: Operation =
            Operation::new(Post, concat!($base, "/account/", $account, "/fullAccess"));
        /// `DELETE` a full-access delegation.
        pub const REVOKE_FULL_ACCESS: Operation = Operation::new(
            Delete,
            concat!(
                $base,
                "/account/",
                $account,
                "/fullAccess/{allowedAccountId}"
            ),
        );
        /// `GET` the ids of accounts that may send as this one.
        pub const SEND_AS: Operation =
            Operation::new(Get, concat!($base, "/account/", $account, "/sendAs"));
        /// `POST` a send-as delegation.
        pub const GRANT_SEND_AS: Operation =
            Operation::new(Post, concat!($base, "/account/", $account, "/sendAs"));
        /// `DELETE` a send-as delegation.
        pub const REVOKE_SEND_AS: Operation = Operation::new(
            Delete,
            concat!($base, "/account/", $account, "/sendAs/{allowedAccountId}"),
        );
        /// `GET` the ids of accounts that may send on behalf of this one.
        pub const SEND_ON_BEHALF_TO: Operation = Operation::new(
            Get,
            concat!($base, "/account/", $account, "/sendOnBehalfTo"),
        );
        /// `POST` a send-on-behalf delegation.
        pub const GRANT_SEND_ON_BEHALF_TO: Operation = Operation::new(
            Post,
            concat!($base, "/account/", $account, "/sendOnBehalfTo"),
        );
        /// `DELETE` a send-on-behalf delegation.
        pub const REVOKE_SEND_ON_BEHALF_TO: Operation = Operation::new(
            Delete,
            concat!(
                $base,
                "/account/",
                $account,
                "/sendOnBehalfTo/{allowedAccountId}"
            ),
        );
        /// `GET` one task of an account.
        pub const ACCOUNT_TASK: Operation =
            Operation::new(Get, concat!($base, "/account/", $account, $task));
        /// `GET` one task of the service.
        pub const SERVICE_TASK: Operation = Operation::new(Get, concat!($base, "/task/{id}"));
        /// `GET` the external contacts.
        pub const EXTERNAL_CONTACTS: Operation =
            Operation::new(Get, concat!($base, "/externalContact"));
        /// `POST` an external contact.
        pub const CREATE_EXTERNAL_CONTACT: Operation =
            Operation::new(Post, concat!($base, "/externalContact"));

        /// `GET` one external contact.
        pub const EXTERNAL_CONTACT: Operation = Operation::new(
            Get,
            concat!($base, "/externalContact/{externalEmailAddress}"),
        );
        /// `DELETE` an external contact.
        pub const DELETE_EXTERNAL_CONTACT: Operation = Operation::new(
            Delete,
            concat!($base, "/externalContact/{externalEmailAddress}"),
        );
        /// `DELETE` a domain's footer.
        pub const DELETE_DISCLAIMER: Operation =
            Operation::new(Delete, concat!($base, "/domain/{domainName}/disclaimer"));

        /// The operations every hosted platform has.
        pub const SHARED: &[Operation] = &[
            SERVICE,
            DOMAINS,
            DOMAIN,
            DISCLAIMER,
            CREATE_DISCLAIMER,
            ACCOUNTS,
            ACCOUNT,
            UPDATE_ACCOUNT,
            RESET_ACCOUNT,
            CHANGE_PASSWORD,
            ALIASES,
            CREATE_ALIAS,
            FULL_ACCESS,
            GRANT_FULL_ACCESS,
            SEND_AS,
            GRANT_SEND_AS,
            SEND_ON_BEHALF_TO,
            GRANT_SEND_ON_BEHALF_TO,
            ACCOUNT_TASK,
            SERVICE_TASK,
            EXTERNAL_CONTACTS,
            CREATE_EXTERNAL_CONTACT,
            DELETE_ALIAS,
            REVOKE_FULL_ACCESS,
            REVOKE_SEND_AS,
            REVOKE_SEND_ON_BEHALF_TO,
            EXTERNAL_CONTACT,
            DELETE_EXTERNAL_CONTACT,
            DELETE_DISCLAIMER,
        ];
    };
}

/// Hosted Exchange (`email-exchange.json`).
pub mod exchange {
    use super::*;

    hosted_platform!(
        base: "/email/exchange/{organizationName}/service/{exchangeService}",
        account: "{primaryEmailAddress}",
        account_task: "/tasks/{id}"
    );

    /// `GET` the organizations.
    pub const ORGANIZATIONS: Operation = Operation::new(Get, "/email/exchange");
    /// `GET` an organization's services.
    pub const SERVICES: Operation =
        Operation::new(Get, "/email/exchange/{organizationName}/service");
    /// `POST` a domain (non-authoritative for a migration).
    pub const CREATE_DOMAIN: Operation = Operation::new(
        Post,
        "/email/exchange/{organizationName}/service/{exchangeService}/domain",
    );
    /// `POST` an account, on dedicated offers without free slots.
    pub const CREATE_ACCOUNT: Operation = Operation::new(
        Post,
        "/email/exchange/{organizationName}/service/{exchangeService}/account",
    );
    /// `GET` the groups (mailing lists).
    pub const MAILING_LISTS: Operation = Operation::new(
        Get,
        "/email/exchange/{organizationName}/service/{exchangeService}/mailingList",
    );
    /// `GET` one group.
    pub const MAILING_LIST: Operation = Operation::new(
        Get,
        "/email/exchange/{organizationName}/service/{exchangeService}/mailingList/{mailingListAddress}",
    );
    /// `POST` a group.
    pub const CREATE_MAILING_LIST: Operation = Operation::new(
        Post,
        "/email/exchange/{organizationName}/service/{exchangeService}/mailingList",
    );
    /// `GET` a group's member account ids.
    pub const MAILING_LIST_MEMBERS: Operation = Operation::new(
        Get,
        "/email/exchange/{organizationName}/service/{exchangeService}/mailingList/{mailingListAddress}/member/account",
    );
    /// `POST` a group member.
    pub const ADD_MAILING_LIST_MEMBER: Operation = Operation::new(
        Post,
        "/email/exchange/{organizationName}/service/{exchangeService}/mailingList/{mailingListAddress}/member/account",
    );
    /// `GET` a group's manager account ids.
    pub const MAILING_LIST_MANAGERS: Operation = Operation::new(
        Get,
        "/email/exchange/{organizationName}/service/{exchangeService}/mailingList/{mailingListAddress}/manager/account",
    );
    /// `POST` a group manager.
    pub const ADD_MAILING_LIST_MANAGER: Operation = Operation::new(
        Post,
        "/email/exchange/{organizationName}/service/{exchangeService}/mailingList/{mailingListAddress}/manager/account",
    );
    /// `DELETE` a group.
    pub const DELETE_MAILING_LIST: Operation = Operation::new(
        Delete,
        "/email/exchange/{organizationName}/service/{exchangeService}/mailingList/{mailingListAddress}",
    );
    /// `GET` an account's PST export.
    pub const EXPORT: Operation = Operation::new(
        Get,
        "/email/exchange/{organizationName}/service/{exchangeService}/account/{primaryEmailAddress}/export",
    );
    /// `POST` a PST export.
    pub const START_EXPORT: Operation = Operation::new(
        Post,
        "/email/exchange/{organizationName}/service/{exchangeService}/account/{primaryEmailAddress}/export",
    );
    /// `DELETE` a PST export.
    pub const DELETE_EXPORT: Operation = Operation::new(
        Delete,
        "/email/exchange/{organizationName}/service/{exchangeService}/account/{primaryEmailAddress}/export",
    );
    /// `GET` the PST download URL.
    pub const EXPORT_URL: Operation = Operation::new(
        Get,
        "/email/exchange/{organizationName}/service/{exchangeService}/account/{primaryEmailAddress}/exportURL",
    );
    /// `POST` a request for the PST download URL.
    pub const CREATE_EXPORT_URL: Operation = Operation::new(
        Post,
        "/email/exchange/{organizationName}/service/{exchangeService}/account/{primaryEmailAddress}/exportURL",
    );

    /// The operations only Exchange has.
    pub const SPECIFIC: &[Operation] = &[
        ORGANIZATIONS,
        SERVICES,
        CREATE_DOMAIN,
        CREATE_ACCOUNT,
        MAILING_LISTS,
        MAILING_LIST,
        CREATE_MAILING_LIST,
        MAILING_LIST_MEMBERS,
        ADD_MAILING_LIST_MEMBER,
        MAILING_LIST_MANAGERS,
        ADD_MAILING_LIST_MANAGER,
        DELETE_MAILING_LIST,
        EXPORT,
        START_EXPORT,
        DELETE_EXPORT,
        EXPORT_URL,
        CREATE_EXPORT_URL,
    ];
}

/// Email Pro (`email-pro.json`).
pub mod pro {
    use super::*;

    hosted_platform!(base: "/email/pro/{service}", account: "{email}", account_task: "/tasks/{id}");

    /// `GET` the Email Pro services.
    pub const SERVICES: Operation = Operation::new(Get, "/email/pro");
    /// `POST` a domain (non-authoritative for a migration).
    pub const CREATE_DOMAIN: Operation = Operation::new(Post, "/email/pro/{service}/domain");

    /// The operations only Email Pro has.
    pub const SPECIFIC: &[Operation] = &[SERVICES, CREATE_DOMAIN];
}

/// MX Plan on the current platform (`email-mxplan.json`).
pub mod mxplan {
    use super::*;

    hosted_platform!(base: "/email/mxplan/{service}", account: "{email}", account_task: "/task/{id}");

    /// `GET` the MX Plan services.
    pub const SERVICES: Operation = Operation::new(Get, "/email/mxplan");

    /// The operations only MX Plan has.
    pub const SPECIFIC: &[Operation] = &[SERVICES];
}

/// MX Plan on the legacy platform (`email-domain.json`); the service name is the domain.
pub mod domain {
    use super::*;

    /// `GET` the legacy MX Plan services.
    pub const SERVICES: Operation = Operation::new(Get, "/email/domain");
    /// `GET` one service.
    pub const SERVICE: Operation = Operation::new(Get, "/email/domain/{domain}");
    /// `GET` the account names.
    pub const ACCOUNTS: Operation = Operation::new(Get, "/email/domain/{domain}/account")
        .with_query(&["accountName", "description"]);
    /// `GET` one account.
    pub const ACCOUNT: Operation =
        Operation::new(Get, "/email/domain/{domain}/account/{accountName}");
    /// `POST` a new account.
    pub const CREATE_ACCOUNT: Operation = Operation::new(Post, "/email/domain/{domain}/account");
    /// `GET` what an account's mailbox holds.
    pub const ACCOUNT_USAGE: Operation =
        Operation::new(Get, "/email/domain/{domain}/account/{accountName}/usage");
    /// `DELETE` an account and its mailbox.
    pub const DELETE_ACCOUNT: Operation =
        Operation::new(Delete, "/email/domain/{domain}/account/{accountName}");
    /// `GET` the destinations an account can migrate to.
    pub const MIGRATION_SERVICES: Operation =
        Operation::new(Get, "/email/domain/{domain}/account/{accountName}/migrate")
            .with_query(&["type"]);
    /// `GET` the free addresses on a migration destination.
    pub const MIGRATION_ADDRESSES: Operation = Operation::new(
        Get,
        "/email/domain/{domain}/account/{accountName}/migrate/{destinationServiceName}/destinationEmailAddress",
    )
    .with_query(&["quota"]);
    /// `GET` what a migration to an address would do, errors included.
    pub const CHECK_MIGRATE: Operation = Operation::new(
        Get,
        "/email/domain/{domain}/account/{accountName}/migrate/{destinationServiceName}/destinationEmailAddress/{destinationEmailAddress}/checkMigrate",
    );
    /// `POST` the migration itself; it cannot be cancelled.
    pub const MIGRATE: Operation = Operation::new(
        Post,
        "/email/domain/{domain}/account/{accountName}/migrate/{destinationServiceName}/destinationEmailAddress/{destinationEmailAddress}/migrate",
    );
    /// `GET` the pending account task ids (filter by account name).
    pub const ACCOUNT_TASKS: Operation =
        Operation::new(Get, "/email/domain/{domain}/task/account").with_query(&["name"]);
    /// `GET` one account task; 404 once it is finished.
    pub const ACCOUNT_TASK: Operation =
        Operation::new(Get, "/email/domain/{domain}/task/account/{id}");
    /// `POST` a redirection, the closest thing to an alias here.
    pub const CREATE_REDIRECTION: Operation =
        Operation::new(Post, "/email/domain/{domain}/redirection");
    /// `GET` the maximum counts.
    pub const QUOTA: Operation = Operation::new(Get, "/email/domain/{domain}/quota");
    /// `GET` the current counts.
    pub const SUMMARY: Operation = Operation::new(Get, "/email/domain/{domain}/summary");
    /// `GET` the DNS records to publish.
    pub const RECOMMENDED_DNS: Operation =
        Operation::new(Get, "/email/domain/{domain}/recommendedDNSRecords");
    /// `GET` the mailing lists.
    pub const MAILING_LISTS: Operation = Operation::new(Get, "/email/domain/{domain}/mailingList");

    /// Every operation of this module.
    pub const ALL: &[Operation] = &[
        SERVICES,
        SERVICE,
        ACCOUNTS,
        ACCOUNT,
        CREATE_ACCOUNT,
        DELETE_ACCOUNT,
        ACCOUNT_USAGE,
        MIGRATION_SERVICES,
        MIGRATION_ADDRESSES,
        CHECK_MIGRATE,
        MIGRATE,
        ACCOUNT_TASKS,
        ACCOUNT_TASK,
        CREATE_REDIRECTION,
        QUOTA,
        SUMMARY,
        RECOMMENDED_DNS,
        MAILING_LISTS,
    ];
}

/// Every operation the client can build a path for.
pub fn all() -> impl Iterator<Item = Operation> {
    [
        auth::ALL,
        exchange::SHARED,
        exchange::SPECIFIC,
        pro::SHARED,
        pro::SPECIFIC,
        mxplan::SHARED,
        mxplan::SPECIFIC,
        domain::ALL,
    ]
    .into_iter()
    .flatten()
    .copied()
}
